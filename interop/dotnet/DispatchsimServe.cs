// Starts `dispatchsim serve <scenario>` on a free loopback port for one test, and stops it by
// closing its standard input (`--stop-on-stdin-close`), which serve takes as a user's Ctrl-C:
// it must exit 0, print its summary, and leave no listener behind. Closing stdin works on
// Windows, where one process has no signal to send another (it was killed there, with no
// summary and a non-zero exit code: user report), and on Linux and macOS alike.
//
// Shipped in the npm package (node_modules/dispatchsim/interop/dotnet/DispatchsimServe.cs) for
// your own tests to copy: it finds the CLI in node_modules/dispatchsim above the test binary
// (or, in dispatchsim's own repository, its built dist/), and runs it with `node` directly, not
// through npx, so that its stdin is the listener's. If the listener exits before it listens (a
// scenario that does not load: exit code 2) or its listening line does not come in time,
// StartAsync throws at once with the exit code and everything it wrote on stderr.

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatchsim.Interop.Tests;

public sealed partial class DispatchsimServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _listening =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;

    private DispatchsimServe(Process process, string tracePath)
    {
        _process = process;
        TracePath = tracePath;
    }

    /// <summary>The port the listener took.</summary>
    public int Port { get; private set; }

    /// <summary>The NDJSON trace file (--trace).</summary>
    public string TracePath { get; }

    /// <summary>What the listener printed on stdout (the summary once stopped).</summary>
    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    /// <summary>What the listener printed on stderr (notes, warnings, errors).</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// The folder the scenario paths are relative to: the nearest one above the test binary
    /// that holds node_modules/dispatchsim (your project), or dispatchsim's own repository.
    /// </summary>
    public static string ProjectRoot => FindCli().Root;

    /// <summary>A net.tcp address on the listener, e.g. Address("orders/service.svc").</summary>
    public string Address(string path) => $"net.tcp://127.0.0.1:{Port}/{path}";

    private static (string Root, string Cli) FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var installed = Path.Combine(dir.FullName, "node_modules", "dispatchsim", "dist", "bin", "dispatchsim.js");
            if (File.Exists(installed)) return (dir.FullName, installed);
            var manifest = Path.Combine(dir.FullName, "package.json");
            if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"name\": \"dispatchsim\""))
            {
                var built = Path.Combine(dir.FullName, "dist", "bin", "dispatchsim.js");
                if (!File.Exists(built))
                    throw new InvalidOperationException($"{built} is missing: run `npm run build` first");
                return (dir.FullName, built);
            }
        }
        throw new InvalidOperationException(
            $"no node_modules/dispatchsim above {AppContext.BaseDirectory}: run `npm install --save-dev` with dispatchsim's package in your test folder");
    }

    /// <summary>
    /// Starts `dispatchsim serve` with a scenario: a file path, relative to
    /// <see cref="ProjectRoot"/> or absolute, or a bundled scenario's name.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The listener exited before it listened, or printed no listening line within
    /// <paramref name="startTimeout"/> (30 s by default); the message has its exit code and stderr.
    /// </exception>
    public static async Task<DispatchsimServe> StartAsync(string scenario, TimeSpan? startTimeout = null)
    {
        var (root, cli) = FindCli();
        var trace = Path.Combine(Path.GetTempPath(), $"dispatchsim-interop-{Guid.NewGuid():N}.ndjson");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in new[] { cli, "serve", scenario, "--port", "0", "--trace", trace, "--stop-on-stdin-close" })
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var serve = new DispatchsimServe(process, trace);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._stdout) serve._stdout.AppendLine(e.Data);
            // The listening line is the first line on stdout; look at every line all the same,
            // so that a note printed before it does not hide it.
            var match = ListeningLine().Match(e.Data);
            if (match.Success) serve._listening.TrySetResult(int.Parse(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (serve._stderr) serve._stderr.AppendLine(e.Data);
        };
        try
        {
            if (!process.Start()) throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"node did not start ({e.Message}): is Node.js 20.19 or later on PATH?", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Whichever comes first: the listening line, the process's exit (with its stderr read to
        // the end), or the time limit.
        var exited = process.WaitForExitAsync();
        var timeout = startTimeout ?? TimeSpan.FromSeconds(30);
        var first = await Task.WhenAny(serve._listening.Task, exited, Task.Delay(timeout));
        if (first == serve._listening.Task)
        {
            serve.Port = serve._listening.Task.Result;
            return serve;
        }
        string problem;
        if (first == exited)
        {
            problem = $"exited with code {process.ExitCode} before it listened";
        }
        else
        {
            problem = $"printed no listening line within {timeout.TotalSeconds:0.###} s, and was killed";
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var message = $"dispatchsim serve {scenario} {problem}.{Environment.NewLine}stderr:{Environment.NewLine}{serve.Stderr}";
        if (serve.Stdout.Length > 0) message += $"stdout:{Environment.NewLine}{serve.Stdout}";
        serve._stopped = true;
        await serve.DisposeAsync();
        throw new InvalidOperationException(message.TrimEnd());
    }

    [GeneratedRegex(@"^dispatchsim serve: listening on net\.tcp://127\.0\.0\.1:(\d+)/ \(scenario .+, seed \d+\)$")]
    private static partial Regex ListeningLine();

    /// <summary>Closes the listener's stdin, which stops it as Ctrl-C does, then waits: returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_stopped) return _process.ExitCode;
        _stopped = true;
        _process.StandardInput.Close();
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
