import ArcoCore
import Foundation
import Testing

/// `arco validate` on good and bad workspace files: exit codes and messages with locations.
@Suite struct ValidateEndToEndTests {
    struct BadInput: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            name: "malformed YAML", yaml: "version: 1\nassets:\n  a: {command: x\n",
            expected: ["arco.yaml:4:1: invalid YAML"]),
        BadInput(
            name: "unknown key", yaml: "version: 1\nassets:\n  raw: {comand: x}\n",
            expected: ["arco.yaml:3:9: unknown key 'comand' in asset 'raw'; did you mean 'command'?"]),
        BadInput(
            name: "dependency cycle",
            yaml: "version: 1\nassets:\n  a: {command: x, deps: [b]}\n  b: {command: x, deps: [a]}\n",
            expected: ["dependency cycle: a -> b -> a"]),
        BadInput(
            name: "unknown asset",
            yaml: "version: 1\nassets:\n  a: {command: x, deps: [raw_ordrs]}\n  raw_orders: {command: x}\n",
            expected: ["arco.yaml:3:26: unknown asset 'raw_ordrs' in deps of 'a'; did you mean 'raw_orders'?"]),
        BadInput(
            name: "unknown partitions definition",
            yaml: "version: 1\npartitions:\n  daily: {type: daily, start: 2024-01-01}\nassets:\n  a: {command: x, partitions: dayly}\n",
            expected: ["unknown partitions definition 'dayly'", "did you mean 'daily'?"]),
        BadInput(
            name: "invalid cron", yaml: "version: 1\nassets:\n  a: {command: x}\nschedules:\n  s: {cron: '*/90 * * * *', target: a}\n",
            expected: ["invalid cron '*/90 * * * *'"]),
        BadInput(
            name: "invalid time zone",
            yaml: "version: 1\nassets:\n  a: {command: x}\nschedules:\n  s: {cron: '0 2 * * *', target: a, timezone: Mars/Olympus}\n",
            expected: ["unknown time zone 'Mars/Olympus'"]),
        BadInput(
            name: "bad duration", yaml: "version: 1\nassets:\n  a: {command: x, timeout: 30}\n",
            expected: ["duration '30' has no unit"]),
        BadInput(name: "missing version", yaml: "assets:\n  a: {command: x}\n", expected: ["version"]),
        BadInput(
            name: "log_max without a unit", yaml: "version: 1\nassets:\n  a: {command: x, log_max: 10}\n",
            expected: ["size '10' has no unit for 'log_max' of asset 'a'", "add a unit, e.g. '10MiB'"]),
        BadInput(
            name: "log_max below the minimum", yaml: "version: 1\nassets:\n  a: {command: x, log_max: 100B}\n",
            expected: ["'log_max' of asset 'a' must be at least 1KiB"]),
        BadInput(
            name: "log_max misspelled", yaml: "version: 1\nassets:\n  a: {command: x, log_mx: 1MiB}\n",
            expected: ["unknown key 'log_mx' in asset 'a'; did you mean 'log_max'?"]),
        // The common YAML mistakes get the corrected line (issue 17, item 12).
        BadInput(
            name: "unquoted ': ' in a value", yaml: "version: 1\nassets:\n  a:\n    command: echo \"ERROR: x\"\n",
            expected: ["arco.yaml:4:25: invalid YAML: mapping values are not allowed in this context; quote the value: `    command: 'echo \"ERROR: x\"'`"]),
        BadInput(
            name: "unquoted ': ' in a value holding a single quote", yaml: "version: 1\nassets:\n  a:\n    command: echo it's: x\n",
            expected: [#"quote the value: `    command: "echo it's: x"`"#]),
        BadInput(
            name: "a key indented off its siblings", yaml: "version: 1\nassets:\n  a:\n    command: x\n   b:\n    command: x\n",
            expected: ["arco.yaml:5:4: invalid YAML: did not find expected key; indent it like the key on line 3: `  b:`"]),
        BadInput(
            name: "a key indented under a plain value", yaml: "version: 1\nassets:\n  a:\n    command: x\n      deps: [b]\n",
            expected: ["indent it like 'command' on the line above: `    deps: [b]`"]),
    ]

    @Test("each kind of bad input exits 65 and names the problem with its location", arguments: badInputs)
    func rejects(input: BadInput) throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", input.yaml)
        let result = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: arco.yaml has "))
        for fragment in input.expected { #expect(result.stderr.contains(fragment), "\(result.stderr)") }
        #expect(result.stderr.contains("hint: "))
    }

    @Test("every problem is reported at once, and --json lists them with file, line and column")
    func reportsAll() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "arco.yaml",
            "version: 1\nassets:\n  a: {command: x, timeout: 30, partitions: dayly}\nschedules:\n  s: {cron: bad, target: a}\n")
        let result = try ArcoBinary.run(["validate", "--json"], in: folder.path)
        #expect(result.status == 65)
        let error = try JSONParser.parse(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        let diagnostics = try #require(error["error"]?["diagnostics"]?.arrayValue)
        #expect(diagnostics.count == 3)
        #expect(diagnostics.first?["line"] == 3)
        #expect(diagnostics.first?["file"] == "arco.yaml")
        #expect(diagnostics.allSatisfy { $0["column"]?.intValue != nil && $0["message"]?.stringValue != nil })
    }

    @Test("a valid file prints counts; --json prints them as a document")
    func valid() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "arco.yaml",
            """
            version: 1
            partitions:
              daily: {type: daily, start: 2024-01-01}
              region: {type: static, keys: [us, eu]}
            assets:
              a: {command: "echo a", partitions: daily}
              b: {argv: [echo, b], deps: [a], partitions: daily}
            schedules:
              nightly: {cron: "0 2 * * *", target: "a+"}
            sensors:
              hook: {kind: push, target: a}

            """)
        let text = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == "ok: 2 assets, 2 partitions definitions, 1 schedule, 1 sensor\n")
        let json = try ArcoBinary.run(["validate", "--json"], in: folder.path)
        #expect(json.stdout == #"{"summary":{"assets":2,"partitions":2,"schedules":1,"sensors":1},"valid":true}"# + "\n")
    }
}
