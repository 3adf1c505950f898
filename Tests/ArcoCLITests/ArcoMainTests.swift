@testable import ArcoCLI
import ArcoCore
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
}
