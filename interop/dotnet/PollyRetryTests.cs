// A Polly 8 retry pipeline around a real WCF call recovers from a transient F1: the first
// attempt gets ConnectionDispatchFailed (4031), the retry on a new connection is dispatched
// (4030), and the trace shows 4031 then 4030; with NetTcpBinding (binary) and with text.

using System.ServiceModel;
using Polly;
using Polly.Retry;
using Xunit;

namespace Dispatchsim.Interop.Tests;

public sealed class PollyRetryTests
{
    [Theory]
    [MemberData(nameof(Bindings.Both), MemberType = typeof(Bindings))]
    public async Task RetryRecoversFromATransientF1(string binding)
    {
        await using var serve = await DispatchsimServe.StartAsync(LiveFatesTests.LiveFates);
        var failures = new List<Exception>();
        var pipeline = new ResiliencePipelineBuilder<string>()
            .AddRetry(new RetryStrategyOptions<string>
            {
                // ConnectionDispatchFailed is a plain CommunicationException: worth a retry on a
                // new connection. So is EndpointNotFoundException, which a pool restarting or port
                // sharing stopped gives too (bounded attempts cover a real no-route); a
                // FaultException is the service's answer. A hung worker (F3) gives
                // TimeoutException when the open times out first: as the docs.
                ShouldHandle = new PredicateBuilder<string>()
                    .Handle<CommunicationException>(e => e is not FaultException)
                    .Handle<TimeoutException>(),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Constant,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e) failures.Add(e);
                    return default;
                },
            })
            .Build();

        var address = serve.Address("flaky/service.svc");
        var reply = await pipeline.ExecuteAsync(
            async _ => await Bindings.EchoOnceAsync(Bindings.ByName(binding), address, "retried"));

        Assert.Equal("retried", reply);
        var failure = Assert.Single(failures);
        Assert.IsType<CommunicationException>(failure);
        Assert.Equal(
            $"The message could not be dispatched to the service at address '{address}'. Refer to the server Event Log for more details",
            failure.Message);
        Assert.Equal(0, await serve.StopAsync());
        Assert.False(serve.PortIsOpen());
        var ids = serve.TraceEventIds();
        var failed = ids.IndexOf(4031);
        Assert.True(failed >= 0, "the trace has a 4031");
        Assert.True(ids.IndexOf(4030) > failed, "the trace shows 4031, then 4030");
        Assert.Equal(1, ids.Count(id => id == 4031));
        Assert.Equal(1, ids.Count(id => id == 4030));
    }
}
