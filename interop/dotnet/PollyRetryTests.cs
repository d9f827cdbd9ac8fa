// A Polly 8 retry pipeline around a real WCF call recovers from a transient F1: the first
// attempt gets ConnectionDispatchFailed (4031), the retry on a new connection is dispatched
// (4030), and the trace shows 4031 then 4030; with NetTcpBinding (binary) and with text. The
// same pipeline lets a service the worker cannot activate through at once: retrying only
// repeats it (user report: the docs' pipeline retried it).

using System.ServiceModel;
using Polly;
using Polly.Retry;
using Xunit;

namespace Dispatchsim.Interop.Tests;

public sealed class PollyRetryTests
{
    // The pipeline of docs/test-your-dotnet-client.md, recording each failure it retried.
    private static ResiliencePipeline<string> Pipeline(List<Exception> retried) =>
        new ResiliencePipelineBuilder<string>()
            .AddRetry(new RetryStrategyOptions<string>
            {
                // ConnectionDispatchFailed is a plain CommunicationException: worth a retry on a
                // new connection. So is EndpointNotFoundException, which a pool restarting or port
                // sharing stopped gives too (bounded attempts cover a real no-route); a
                // FaultException is the service's answer, a ServiceActivationException the
                // worker's, and neither heals. A hung worker (F3) gives TimeoutException when the
                // open times out first: as the docs.
                ShouldHandle = new PredicateBuilder<string>()
                    .Handle<CommunicationException>(e => e is not FaultException and not ServiceActivationException)
                    .Handle<TimeoutException>(),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Constant,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e) retried.Add(e);
                    return default;
                },
            })
            .Build();

    [Theory]
    [MemberData(nameof(Bindings.Both), MemberType = typeof(Bindings))]
    public async Task RetryRecoversFromATransientF1(string binding)
    {
        await using var serve = await DispatchsimServe.StartAsync(LiveFatesTests.LiveFates);
        var failures = new List<Exception>();
        var pipeline = Pipeline(failures);

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

    [Theory]
    [MemberData(nameof(Bindings.Both), MemberType = typeof(Bindings))]
    public async Task AServiceTheWorkerCannotActivateIsNotRetried(string binding)
    {
        await using var serve = await DispatchsimServe.StartAsync(LiveFatesTests.LiveFates);
        var retried = new List<Exception>();
        var pipeline = Pipeline(retried);

        var address = serve.Address("inactive/service.svc");
        var error = await Record.ExceptionAsync(async () => await pipeline.ExecuteAsync(
            async _ => await Bindings.EchoOnceAsync(Bindings.ByName(binding), address, "once")));

        Assert.IsType<ServiceActivationException>(error);
        Assert.Empty(retried);
        Assert.Equal(0, await serve.StopAsync());
        var ids = serve.TraceEventIds();
        Assert.Equal(1, ids.Count(id => id == 4030));
        Assert.DoesNotContain(4031, ids);
    }
}
