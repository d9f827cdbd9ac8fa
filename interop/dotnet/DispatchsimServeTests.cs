// The harness itself: a listener that cannot start fails StartAsync at once, with the exit code
// and the reason it wrote on stderr, not with a TimeoutException 30 s later.

using System.Diagnostics;
using Xunit;

namespace Dispatchsim.Interop.Tests;

public sealed class DispatchsimServeTests
{
    [Fact]
    public async Task AScenarioThatDoesNotLoadFailsTheStartWithItsExitCodeAndStderr()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DispatchsimServe.StartAsync("bad-name.yaml"));
        Assert.Contains("dispatchsim serve bad-name.yaml exited with code 2 before it listened", error.Message);
        Assert.Contains("bad-name.yaml: expected a readable scenario file", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"failed after {clock.Elapsed}, not when the process exited");
    }

    [Fact]
    public async Task ABundledScenarioIsServedByName()
    {
        await using var serve = await DispatchsimServe.StartAsync("healthy-baseline");
        Assert.True(serve.PortIsOpen());
        Assert.Equal(0, await serve.StopAsync());
        Assert.False(serve.PortIsOpen());
    }
}
