@testable import ArcoCLI
import Testing

@Suite struct ShellCompletionTests {
    /// The real command tree, as the shell reads it.
    static let tree: CommandInfo = {
        do { return try CommandInfo.tree() } catch { fatalError("no command tree: \(error)") }
    }()

    static func values(_ kind: ShellCompletion.ValueKind) -> [String] {
        switch kind {
        case .asset: return ["raw/orders", "raw/customers", "daily"]
        case .partitionsDefinition: return ["days", "regions"]
        case .run: return ["r-0001", "r-0002"]
        case .backfill: return ["b-0001"]
        case .schedule: return ["nightly", "hourly"]
        case .sensor: return ["new_files", "webhook"]
        }
    }

    func complete(_ words: [String], _ prefix: String) -> [String] {
        ShellCompletion.candidates(words: words, prefix: prefix, tree: Self.tree, values: Self.values)
    }

    @Test("the first word completes to commands and the shell's own words")
    func commands() {
        #expect(complete([], "asse") == ["asset"])
        #expect(complete([], "st") == ["staleness", "status"])
        #expect(complete([], "ex") == ["exit"])
        #expect(complete([], "").contains("shell"))
    }

    @Test("a command with subcommands offers them, then its leaf's options")
    func subcommandsAndOptions() {
        #expect(complete(["asset"], "") == ["graph", "list", "report", "show"])
        #expect(complete(["backfill"], "st").contains("status"))
        #expect(complete(["status"], "--li") == ["--limit"])
        #expect(complete(["asset", "list"], "--j") == ["--json"])
        #expect(complete(["status"], "--wo") == ["--workspace"])
    }

    @Test("arguments complete to the workspace's names, chosen by what the argument is")
    func values() {
        #expect(complete(["asset", "show"], "raw/") == ["raw/customers", "raw/orders"])
        #expect(complete(["logs"], "r-") == ["r-0001", "r-0002"])
        #expect(complete(["cancel"], "") == ["r-0001", "r-0002"])
        #expect(complete(["backfill", "status"], "") == ["b-0001"])
        #expect(complete(["partitions", "show"], "d") == ["days"])
        #expect(complete(["run"], "da") == ["daily"])
        #expect(complete(["schedule", "start"], "ni") == ["nightly"])
        #expect(complete(["sensor", "push"], "we") == ["webhook"])
        #expect(complete(["sensor", "eval"], "") == ["new_files", "webhook"])
        #expect(complete(["schedule", "tick"], "") == ["hourly", "nightly"])
    }

    @Test("free-text values and a word already given as an argument offer no commands")
    func nothingToOffer() {
        #expect(complete(["status", "--limit"], "") == [])
        #expect(complete(["nonsense"], "") == [])
    }

    @Test("the common prefix is what a TAB inserts when several match")
    func commonPrefix() {
        #expect(ShellCompletion.commonPrefix(["staleness", "status"]) == "sta")
        #expect(ShellCompletion.commonPrefix(["asset"]) == "asset")
        #expect(ShellCompletion.commonPrefix([]) == "")
    }
}

@Suite struct SensorPushLineTests {
    @Test("the plain push line is recognised with its options in any order")
    func recognised() {
        let line = SensorPushLine(["sensor", "push", "--message-id", "m 1", "hook", "--payload", "-", "--json", "--no-launch", "--workspace", "/w"])
        #expect(line?.name == "hook")
        #expect(line?.messageID == "m 1")
        #expect(line?.payload == "-")
        #expect(line?.json == true && line?.noLaunch == true)
        #expect(line?.workspace == "/w")
    }

    @Test("anything else goes through the parser", arguments: [
        ["sensor", "push", "hook"], ["sensor", "push", "hook", "--message-id"], ["sensor", "push", "--help", "--message-id", "m"],
        ["sensor", "push", "hook", "--message-id=m", "x"], ["sensor", "push", "a", "b", "--message-id", "m"],
        ["sensor", "eval", "hook", "--message-id", "m"], ["sensor", "push", "hook", "--message-id", "--json"],
    ])
    func refused(_ words: [String]) {
        #expect(SensorPushLine(words) == nil)
    }
}
