// Starts `dispatchsim serve <scenario>` (the built CLI, dist/cli/main.js) on a free loopback
// port for one test, and stops it with SIGTERM as a user's Ctrl-C would: it must exit 0,
// print its summary, and leave no listener behind.

using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatchsim.Interop.Tests;

public sealed partial class DispatchsimServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private bool _stopped;

    private DispatchsimServe(Process process, int port, string tracePath)
    {
        _process = process;
        Port = port;
        TracePath = tracePath;
    }

    /// <summary>The port the listener took.</summary>
    public int Port { get; }

    /// <summary>The NDJSON trace file (--trace).</summary>
    public string TracePath { get; }

    /// <summary>What the listener printed on stdout (the summary once stopped).</summary>
    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    /// <summary>The repository's root: the folder holding package.json above this test.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "package.json")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("no package.json above the test");
        }
    }

    /// <summary>A net.tcp address on the listener, e.g. Address("orders/service.svc").</summary>
    public string Address(string path) => $"net.tcp://127.0.0.1:{Port}/{path}";

    /// <summary>Starts `dispatchsim serve` with a scenario of test/live/scenarios.</summary>
    public static async Task<DispatchsimServe> StartAsync(string scenario)
    {
        var root = RepositoryRoot;
        var cli = Path.Combine(root, "dist", "cli", "main.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"{cli} is missing: run `npm run build` first");
        var trace = Path.Combine(Path.GetTempPath(), $"dispatchsim-interop-{Guid.NewGuid():N}.ndjson");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in new[]
                 {
                     cli, "serve", Path.Combine("test", "live", "scenarios", $"{scenario}.yaml"),
                     "--port", "0", "--trace", trace,
                 })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var firstLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout) stdout.AppendLine(e.Data);
            firstLine.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var line = await firstLine.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var match = ListeningLine().Match(line);
        if (!match.Success) throw new InvalidOperationException($"unexpected first line: {line}");
        var serve = new DispatchsimServe(process, int.Parse(match.Groups[1].Value), trace);
        serve._stdout.Append(stdout);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (serve._stdout) serve._stdout.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (serve._stderr) serve._stderr.AppendLine(e.Data);
        };
        return serve;
    }

    [GeneratedRegex(@"^dispatchsim serve: listening on net\.tcp://127\.0\.0\.1:(\d+)/ \(scenario [\w-]+, seed \d+\)$")]
    private static partial Regex ListeningLine();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>SIGTERM, then waits: returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_stopped) return _process.ExitCode;
        _stopped = true;
        if (OperatingSystem.IsWindows()) _process.Kill();
        else kill(_process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>The trace's ETW event ids, in order (after StopAsync).</summary>
    public List<int> TraceEventIds() =>
        File.ReadLines(TracePath)
            .Select(line => EventId().Match(line))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value))
            .ToList();

    [GeneratedRegex(@"^\{""seq"":\d+,""atMs"":[\d.e+-]+,""id"":(\d+),")]
    private static partial Regex EventId();

    /// <summary>Whether anything still accepts connections on the port.</summary>
    public bool PortIsOpen()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_stopped && !_process.HasExited) await StopAsync();
        }
        finally
        {
            _process.Dispose();
            File.Delete(TracePath);
        }
    }
}
