import ArcoCore
import Foundation
import Testing

/// Hostile partitions definitions and arguments on the real binary: every number bounded, no
/// trap, a size limit, empty static sets, control characters and invalid UTF-8.
@Suite struct PartitionLimitsEndToEndTests {
    /// Every command that builds a partition set, with the asset `a` as its subject.
    static let commands: [[String]] = [
        ["partitions", "list", "p"], ["asset", "show", "a"], ["staleness", "report"], ["reconcile", "plan"],
        ["backfill", "create", "--select", "a", "--all"], ["run", "a", "--partition", "2024-01-01"],
    ]

    /// A workspace whose asset `a` is partitioned by `p`, written as given.
    static func workspace(partition: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\npartitions:\n  p: \(partition)\nassets:\n  a: {command: \"true\", partitions: p}\n  b: {command: \"true\", deps: [a]}\n")
        return folder
    }

    struct Extreme: CustomTestStringConvertible, Sendable {
        let field: String
        let definition: String
        var testDescription: String { definition }
    }

    /// Each numeric field of a time-window definition with Int64.min, Int64.max, a number past
    /// Int64, and values just past the field's bounds either way.
    static let extremes: [Extreme] = {
        let values = ["-9223372036854775808", "9223372036854775807", "99999999999999999999999", "-1", "100001", "-100001"]
        let fields: [(field: String, type: String)] = [
            ("minute_offset", "hourly"), ("hour_offset", "daily"), ("day_offset", "weekly"), ("day_offset", "monthly"),
            ("end_offset", "daily"),
        ]
        return fields.flatMap { field, type in
            values.compactMap { value in
                // -1 is a valid end_offset; every other pair is out of range.
                field == "end_offset" && value == "-1" ? nil
                    : Extreme(field: field, definition: "{type: \(type), start: 2024-01-01, \(field): \(value)}")
            }
        }
    }()

    @Test("an extreme number in any field of a definition fails validate with 65 and crashes no command", arguments: extremes)
    func extremeNumbers(extreme: Extreme) throws {
        let folder = try Self.workspace(partition: extreme.definition)
        let validate = try Self.expectRefused(in: folder, by: Self.commands)
        #expect(validate.stderr.contains("arco.yaml:3:"), "\(validate.stderr)")
        #expect(validate.stderr.contains("'\(extreme.field)' of partitions definition 'p'"), "\(validate.stderr)")
    }

    /// `validate` exits 65, and so does every one of `commands`: the definition is refused, never
    /// trapped on. - Returns: what `validate` printed.
    static func expectRefused(in folder: TemporaryFolder, by commands: [[String]]) throws -> ArcoBinary.Result {
        let validate = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(validate.status == 65, "\(validate.stderr)")
        for command in commands {
            let result = try ArcoBinary.run(command, in: folder.path)
            #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
        }
        return validate
    }

    @Test("an extreme time-window mapping offset fails validate with 65 and crashes no command",
        arguments: ["-9223372036854775808", "9223372036854775807", "100001"])
    func extremeMappingOffsets(value: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", """
            version: 1
            partitions:
              p: {type: daily, start: 2024-01-01}
            assets:
              a: {command: "true", partitions: p}
              b: {command: "true", partitions: p, deps: {a: {mapping: time_window, start_offset: \(value), end_offset: \(value)}}}

            """)
        let validate = try Self.expectRefused(in: folder, by: Self.commands + [["run", "a+", "--partition", "2024-01-02"]])
        #expect(validate.stderr.contains("'start_offset' of "), "\(validate.stderr)")
        #expect(validate.stderr.contains("'end_offset' of "), "\(validate.stderr)")
    }

    @Test("an extreme max_partitions_per_run fails validate with 65 and crashes no backfill",
        arguments: ["9223372036854775807", "1000001", "0"])
    func extremeChunkSize(value: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", """
            version: 1
            partitions:
              p: {type: daily, start: 2024-01-01}
            assets:
              a: {command: "true", partitions: p, backfill_policy: {max_partitions_per_run: \(value)}}

            """)
        let validate = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(validate.status == 65, "\(validate.stderr)")
        #expect(validate.stderr.contains("'max_partitions_per_run' of 'backfill_policy' of asset 'a' must be from 1 to 1000000"), "\(validate.stderr)")
        let backfill = try ArcoBinary.run(
            ["backfill", "create", "--select", "a", "--from", "2024-01-01", "--to", "2024-01-03", "--dry-run"], in: folder.path)
        #expect(backfill.status == 65, "\(backfill.stderr)")
    }

    @Test("an extreme --chunk-size is a usage error, not a trap", arguments: ["9223372036854775807", "1000001", "0"])
    func extremeChunkOption(value: String) throws {
        let folder = try Self.workspace(partition: "{type: daily, start: 2024-01-01}")
        let backfill = try ArcoBinary.run(
            ["backfill", "create", "--select", "a", "--from", "2024-01-01", "--to", "2024-01-03", "--chunk-size", value, "--dry-run"],
            in: folder.path)
        #expect(backfill.status == 64, "\(backfill.stderr)")
        #expect(backfill.stderr.contains("--chunk-size must be from 1 to 1000000"), "\(backfill.stderr)")
    }

    @Test("a date far in the future or the past crashes nothing")
    func extremeDates() throws {
        for definition in [
            "{type: hourly, start: 9999-12-31, end_offset: 100000}", "{type: monthly, start: 9999-12-01, end_offset: 3}",
            "{type: monthly, start: 0001-01-01, end: 0002-01-01}", "{type: daily, start: 9999-12-31-23:59+1400}",
        ] {
            let folder = try Self.workspace(partition: definition)
            // The backfill is a dry run: a real one would start workers for every partition.
            let commands = Self.commands.map { $0.first == "backfill" ? $0 + ["--dry-run"] : $0 }
            for command in [["validate"]] + commands {
                let result = try ArcoBinary.run(command, in: folder.path)
                // 0 or an operator error; a trap would be a signal (status 4 or 5) or 70.
                #expect([0, 1, 65, 66].contains(result.status), "\(definition) \(command): \(result.status) \(result.stderr)")
            }
        }
    }

    @Test("a fmt that cannot tell windows apart fails validate at its line and column")
    func coarseFormat() throws {
        for (definition, column) in [
            (#"{type: time_window, cron: "0 */6 * * *", start: 2024-01-01, fmt: "%Y-%m-%d"}"#, 71),
            ("{type: daily, start: 2024-01-01, fmt: same}", 44),
        ] {
            let folder = try Self.workspace(partition: definition)
            let validate = try ArcoBinary.run(["validate"], in: folder.path)
            #expect(validate.status == 65, "\(validate.stderr)")
            #expect(validate.stderr.contains("arco.yaml:3:\(column): partitions definition 'p' has no usable windows: format"), "\(validate.stderr)")
        }
    }

    @Test("start and end in the definition's fmt are accepted")
    func startInFormat() throws {
        let folder = try Self.workspace(partition: #"{type: daily, start: "2024/01/01", end: "2024/01/04", fmt: "%Y/%m/%d"}"#)
        #expect(try ArcoBinary.run(["validate"], in: folder.path).status == 0)
        let list = try ArcoBinary.run(["partitions", "list", "p", "--now", "2024-02-01T00:00:00Z"], in: folder.path)
        #expect(list.stdout == "2024/01/01\n2024/01/02\n2024/01/03\n", "\(list.stderr)")
    }

    @Test("a minutely set since 1990 fails validate; a set that grows past the limit fails commands with 65")
    func sizeLimit() throws {
        let old = try Self.workspace(partition: #"{type: time_window, cron: "* * * * *", start: 1990-01-01, fmt: "%Y-%m-%d-%H:%M"}"#)
        let validate = try ArcoBinary.run(["validate"], in: old.path)
        #expect(validate.status == 65, "\(validate.stderr)")
        #expect(validate.stderr.contains("arco.yaml:3:3: partitions definition 'p' has more than 1000000 partitions"), "\(validate.stderr)")
        // Valid today (it starts in 2090), past the limit at a --now two years after its start.
        let growing = try Self.workspace(partition: #"{type: time_window, cron: "* * * * *", start: 2090-01-01, fmt: "%Y-%m-%d-%H:%M"}"#)
        #expect(try ArcoBinary.run(["validate"], in: growing.path).status == 0)
        for command in [["partitions", "list", "p"], ["asset", "show", "a"], ["staleness", "report"], ["reconcile", "plan"]] {
            let result = try ArcoBinary.run(command + ["--now", "2092-01-01T00:00:00Z"], in: growing.path)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("error: partitions definition 'p' has more than 1000000 partitions at 2092-01-01"), "\(result.stderr)")
            #expect(result.stderr.contains("hint: "))
        }
    }

    @Test("an empty static set is valid, and every command answers with nothing or a clear error")
    func emptyStatic() throws {
        let folder = try Self.workspace(partition: "{type: static, keys: []}")
        try folder.write("arco.yaml", """
            version: 1
            partitions:
              p: {type: static, keys: []}
              r: {type: static, keys: [us]}
              pr: {type: multi, dimensions: {x: p, y: r}}
            assets:
              a: {command: "true", partitions: p}
              b: {command: "true", deps: [a]}
              m: {command: "true", partitions: pr}

            """)
        #expect(try ArcoBinary.run(["validate"], in: folder.path).status == 0)
        for definition in ["p", "pr"] {
            let list = try ArcoBinary.run(["partitions", "list", definition, "--json"], in: folder.path)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains(#""keys":[]"#), "\(list.stdout)")
            let text = try ArcoBinary.run(["partitions", "list", definition], in: folder.path)
            #expect(text.stdout == "'\(definition)' has no partitions\n", "\(text.stdout)")
        }
        let show = try ArcoBinary.run(["asset", "show", "a", "--json"], in: folder.path)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains(#""total":0"#), "\(show.stdout)")
        for command in [["staleness", "report"], ["reconcile", "plan"], ["staleness", "report", "--json"]] {
            let result = try ArcoBinary.run(command, in: folder.path)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        for command in [
            ["backfill", "create", "--select", "a", "--all"], ["backfill", "create", "--select", "m", "--all"],
            ["run", "a", "--partition", "x"], ["run", "a"], ["run", "m", "--partition", "x|us"],
            ["partitions", "show", "p", "x"],
        ] {
            let result = try ArcoBinary.run(command, in: folder.path)
            #expect([0, 65].contains(result.status), "\(command): \(result.status) \(result.stderr)")
            if result.status == 65 {
                #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("hint: "), "\(command): \(result.stderr)")
            }
        }
    }

    @Test("C1 control characters are refused in arco.yaml keys, partitions add and --partition")
    func c1Controls() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\npartitions:\n  p: {type: static, keys: [\"a\\u0085b\"]}\n")
        let validate = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(validate.status == 65)
        #expect(validate.stderr.contains(#"arco.yaml:3:28: partition key 'a\u{85}b' of partitions definition 'p' contains a control character"#), "\(validate.stderr)")
        try folder.write("arco.yaml", "version: 1\npartitions:\n  d: {type: dynamic}\nassets:\n  a: {command: \"true\", partitions: d}\n")
        let added = try ArcoBinary.run(["partitions", "add", "d", "x\u{85}y", "z\u{9B}"], in: folder.path)
        #expect(added.status == 65)
        #expect(added.stderr.contains(#"'x\u{85}y': control characters are not allowed"#), "\(added.stderr)")
        let run = try ArcoBinary.run(["run", "a", "--partition", "x\u{85}y"], in: folder.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains(#"error: --partition 'x\u{85}y' contains a control character"#), "\(run.stderr)")
        let backfill = try ArcoBinary.run(["backfill", "create", "--select", "a", "--partitions", "x\u{85}y"], in: folder.path)
        #expect(backfill.status == 65, "\(backfill.stderr)")
        for command in [
            ["staleness", "explain", "a", "--partition", "x\u{85}y"], ["asset", "report", "a", "--partition", "x\u{85}y"],
            ["partitions", "show", "d", "x\u{85}y"], ["run", "a", "--partition-range", "a...x\u{9F}"],
        ] {
            let result = try ArcoBinary.run(command, in: folder.path)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("contains a control character"), "\(command): \(result.stderr)")
        }
        #expect(try ArcoBinary.run(["events", "--json"], in: folder.path).stdout == "{\"events\":[]}\n")
    }

    @Test("invalid UTF-8 in arco.yaml or in an argument exits 65 instead of becoming U+FFFD")
    func invalidUTF8() throws {
        let folder = try TemporaryFolder()
        var bytes = Data("version: 1\nassets:\n  a: {command: \"echo ".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(contentsOf: Data("\"}\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: folder.path + "/arco.yaml"))
        let validate = try ArcoBinary.run(["validate"], in: folder.path)
        #expect(validate.status == 65)
        #expect(validate.stderr.contains("arco.yaml:3:22: arco.yaml is not valid UTF-8 (byte 40)"), "\(validate.stderr)")
        let run = try ArcoBinary.run(["run", "a"], in: folder.path)
        #expect(run.status == 65, "\(run.stderr)")

        try folder.write("arco.yaml", "version: 1\npartitions:\n  d: {type: dynamic}\n")
        // Process takes Swift strings, so the raw bytes go through the shell's printf.
        let script = "\"$ARCO\" partitions add d \"$(printf 'k\\377')\" \"$(printf 'k\\376')\""
        let added = try ArcoBinary.run(["-c", script], in: folder.path, environment: ["ARCO": ArcoBinary.arco], executable: "/bin/sh")
        #expect(added.status == 65, "\(added.stderr)")
        #expect(added.stderr.contains(#"error: argument 4 'k\xFF' is not valid UTF-8 (byte 1)"#), "\(added.stderr)")
        #expect(try ArcoBinary.run(["events", "--json"], in: folder.path).stdout == "{\"events\":[]}\n")
    }
}
