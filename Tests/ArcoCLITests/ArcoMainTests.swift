@testable import ArcoCLI
import ArcoCore
import ArgumentParser
import Testing

@Suite struct ArcoMainTests {
    @Test("leading global options move after the command words; others stay put")
    func reorders() {
        #expect(GlobalArguments.movedAfterCommand(["--workspace", "w", "events", "--json"]) == ["events", "--json", "--workspace", "w"])
        #expect(GlobalArguments.movedAfterCommand(["--workspace=w", "ledger", "export"]) == ["ledger", "export", "--workspace=w"])
        #expect(GlobalArguments.movedAfterCommand(["events", "--workspace", "w"]) == ["events", "--workspace", "w"])
        #expect(GlobalArguments.movedAfterCommand(["--version"]) == ["--version"])
    }

    @Test("the JSON error object carries status, code, message, hint and structured data")
    func jsonError() {
        let error = OperatorError(.tempFail, "busy", hint: "retry", data: ["diagnostics": []])
        let json = JSONOutput.error(error)
        #expect(CanonicalJSON.encode(json) == #"{"error":{"code":"temp_fail","diagnostics":[],"hint":"retry","message":"busy","status":75}}"#)
    }

    @Test("colour only when allowed")
    func colour() {
        #expect(Terminal(stdoutIsTTY: true, stderrIsTTY: true, colour: false).red("x") == "x")
        #expect(Terminal(stdoutIsTTY: true, stderrIsTTY: true, colour: true).red("x") == "\u{1B}[31mx\u{1B}[0m")
    }

    /// Without an explicit name, argument-parser derives one with `String(describing:)` on the
    /// command's type. In a binary this size each such call scans every protocol conformance, and
    /// building the command tree did that for every command on every start: about half of the
    /// CPU `arco --version` used.
    @Test("every command names itself, so starting arco never derives names from types")
    func explicitNames() {
        var unnamed: [String] = []
        var pending: [any ParsableCommand.Type] = [ArcoCommand.self]
        while let command = pending.popLast() {
            if command.configuration.commandName == nil { unnamed.append("\(command)") }
            pending += command.configuration.subcommands
        }
        #expect(unnamed == [])
    }
}
