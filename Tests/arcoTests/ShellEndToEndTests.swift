import ArcoCore
import Foundation
import Testing

/// `arco shell` on the real binary: as a script from a pipe, and interactively through a
/// pseudo-terminal driven by a small python3 `pty` script (history, completion, Ctrl-C, Ctrl-D).
@Suite struct ShellEndToEndTests {
    /// `zebra_orders` is a name no prompt or message contains by chance; `sleeper` waits (at most
    /// 30 s) for a file, so a run stays in flight until Ctrl-C.
    static let yaml = """
        version: 1
        assets:
          zebra_orders: { command: '\(RunWorkspace.mark)' }
          sleeper:
            command: 'touch "$ARCO_WORKSPACE/started"; i=0; while [ ! -f "$ARCO_WORKSPACE/go" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done'
        """

    @Test("a piped script runs every line in one process, skipping blanks and comments, and exits 0")
    func scriptRunsEveryLine() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let script = "asset list\n\n# a comment\nrun zebra_orders\nstatus --limit 1\narco status --limit 1 --json\n"
        let result = try ArcoBinary.run(["shell"], in: workspace.path, input: script)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("zebra_orders"), "\(result.stdout)")
        #expect(workspace.markers() == ["zebra_orders"])
        #expect(result.stdout.contains("SUCCESS"), "status shows the run: \(result.stdout)")
        #expect(result.stdout.contains(#""status":"SUCCESS""#), "--json works per line: \(result.stdout)")
    }

    @Test("the first failing line ends the script with its exit code; later lines do not run")
    func scriptStopsAtFirstFailure() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try ArcoBinary.run(["shell"], in: workspace.path, input: "asset list\nasset show nope\nrun zebra_orders\n")
        #expect(result.status == ExitStatus.notFound.rawValue, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("nope"), "\(result.stderr)")
        #expect(workspace.markers().isEmpty, "the line after the failure ran: \(workspace.markers())")

        let usage = try ArcoBinary.run(["shell"], in: workspace.path, input: "asset show 'open\nrun zebra_orders\n")
        #expect(usage.status == ExitStatus.usage.rawValue, "\(usage.stderr)")
        #expect(usage.stderr.contains("unterminated ' quote"), "\(usage.stderr)")
        #expect(workspace.markers().isEmpty)
    }

    @Test("help inside the shell prints and goes on; exit leaves with 0 before later lines")
    func helpAndExit() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try ArcoBinary.run(["shell"], in: workspace.path, input: "status --help\nexit\nrun zebra_orders\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: arco status"), "\(result.stdout)")
        #expect(workspace.markers().isEmpty)
    }

    @Test("on a terminal: a command runs, Up recalls it, TAB completes, Ctrl-C keeps the shell, Ctrl-D leaves; history is 0600")
    func interactive() throws {
        let workspace = try RunWorkspace(Self.yaml)
        try workspace.folder.write("drive.py", Self.driver)
        defer { try? workspace.touch("go") }
        let result = try ArcoBinary.run(
            [workspace.path + "/drive.py", ArcoBinary.arco, workspace.path], in: workspace.path, executable: "/usr/bin/python3")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("driver: ok"), "\(result.stdout)\(result.stderr)")

        let history = workspace.path + "/.arco/shell_history"
        let attributes = try FileManager.default.attributesOfItem(atPath: history)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        // The recalled line is recorded again; the completed line as completed; the line
        // dropped with Ctrl-C never.
        #expect(lines == ["asset list", "asset list", "asset show zebra_orders", "run sleeper", "status --limit 1"], "\(lines)")
        #expect(workspace.markers().isEmpty)
    }

    /// Drives `arco shell` on a pseudo-terminal; prints `driver: ok`, or why it stopped.
    static let driver = #"""
        import os, pty, select, signal, sys, termios, time
        arco, workspace = sys.argv[1], sys.argv[2]
        pid, fd = pty.fork()
        if pid != 0:
            # Whatever happens, the test ends: a hung shell fails it within two minutes.
            def overtime(number, frame):
                fail("the whole drive took over 120 s")
            signal.signal(signal.SIGALRM, overtime)
            signal.alarm(120)
        if pid == 0:
            os.chdir(workspace)
            os.environ["NO_COLOR"] = "1"
            os.environ["TERM"] = "xterm"
            os.execv(arco, [arco, "shell"])
        seen = b""

        def fail(why):
            import glob
            for t in sorted(glob.glob("/proc/%d/task/*" % pid)):
                status = dict(line.split(":", 1) for line in open(t + "/status").read().splitlines() if ":" in line)
                print(t, {k: status[k].strip() for k in ("Name", "SigBlk", "SigCgt", "SigIgn", "SigPnd", "ShdPnd")},
                      open(t + "/wchan").read(), open(t + "/syscall").read().strip())
            print("driver: " + why + "\nlast output: " + repr(seen[-3000:]))
            os.kill(pid, 9)
            sys.exit(1)

        def expect(pattern, timeout=30):
            # Reads until `pattern` appears, keeps what follows it for the next expect.
            global seen
            end = time.time() + timeout
            while pattern not in seen:
                left = end - time.time()
                if left <= 0:
                    fail("timed out waiting for " + repr(pattern))
                ready, _, _ = select.select([fd], [], [], left)
                if ready:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        chunk = b""
                    if not chunk:
                        fail("the shell ended while waiting for " + repr(pattern))
                    seen += chunk
            before, _, seen = seen.partition(pattern)
            return before

        prompt = b"arco> "

        def ready(timeout=30):
            # libedit prints the prompt before it puts the terminal in its own mode: a key sent
            # in between is read in line mode, where Ctrl-D turns into a NUL byte. So after the
            # prompt, wait until the terminal (its termios, read through the master) is out of
            # line mode, as a person's first key always is.
            before = expect(prompt, timeout)
            end = time.time() + timeout
            while termios.tcgetattr(fd)[3] & termios.ICANON:
                if time.time() > end:
                    fail("the terminal stayed in line mode after the prompt")
                time.sleep(0.005)
            return before

        ready()
        os.write(fd, b"asset list\r")
        if b"zebra_orders" not in ready():
            fail("asset list did not list zebra_orders")
        # Up-arrow recalls the last line; Enter runs it again.
        os.write(fd, b"\x1b[A")
        expect(b"asset list")
        os.write(fd, b"\r")
        if b"zebra_orders" not in ready():
            fail("the recalled line did not run")
        # TAB completes a command word, then an asset name; the completed line runs.
        os.write(fd, b"asse\t")
        expect(b"t ")
        os.write(fd, b"show zeb\t")
        expect(b"ra_orders")
        os.write(fd, b"\r")
        shown = ready()
        if b"zebra_orders" not in shown or b"error" in shown:
            fail("the completed line did not show the asset")
        # Ctrl-C at the prompt drops the line; the shell answers the next command.
        os.write(fd, b"never run this")
        expect(b"this")
        os.write(fd, b"\x03")
        ready()
        # Ctrl-C during a run stops the run, not the shell.
        os.write(fd, b"run sleeper\r")
        deadline = time.time() + 30
        while not os.path.exists(os.path.join(workspace, "started")):
            if time.time() > deadline:
                fail("the sleeper step never started")
            time.sleep(0.05)
        os.write(fd, b"\x03")
        ready()
        os.write(fd, b"status --limit 1\r")
        answer = ready()
        if b"CANCELED" not in answer and b"FAILURE" not in answer:
            fail("status after Ctrl-C did not show the stopped run")
        # Ctrl-D on an empty line leaves with 0.
        os.write(fd, b"\x04")
        deadline = time.time() + 20
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() > deadline:
                fail("Ctrl-D did not end the shell")
            try:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:
                    os.read(fd, 4096)
            except OSError:
                pass
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            fail("the shell ended with status " + str(status))
        print("driver: ok")
        """#
}
