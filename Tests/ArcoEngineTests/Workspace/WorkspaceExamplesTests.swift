import ArcoCore
import ArcoEngine
import Foundation
import Testing

/// The examples people copy from must stay valid.
@Suite("Workspace examples")
struct WorkspaceExamplesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Workspace
        .deletingLastPathComponent()  // ArcoEngineTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The sketch of ARCHITECTURE.md §2, verbatim.
    static let architectureSketch = """
        version: 1
        partitions:
          daily:   { type: daily, start: 2024-01-01, timezone: America/New_York }   # hourly/weekly/monthly too,
                                                                                    # offsets, end_offset, fmt, cron
          region:  { type: static, keys: [us, eu, apac] }
          events:  { type: dynamic }                                                # keys added at run time
          by_day_region: { type: multi, dimensions: { date: daily, region: region } }
        assets:
          raw_orders:
            command: ./steps/extract.sh              # run by /bin/sh -c in the workspace root
            partitions: daily
            code_version: "3"
            retries: { max: 3, delay: 10s, backoff: exponential, jitter: 0.2 }
            timeout: 30m
            env: { SOURCE_URL: "file:///data/orders" }   # plus env_file: .env ; cwd: steps/
            tags: { team: data }
            group: ingest
            freshness: { max_lag: 26h, cron: "0 9 * * *" }   # stale if not refreshed by 09:00
            backfill_policy: single_run              # one step over a whole partition range
          clean_orders:
            argv: [python3, steps/clean.py]          # no shell
            deps: [raw_orders]                       # or { raw_orders: { mapping: time_window, start_offset: -1 } }
            partitions: daily
        schedules:
          nightly: { cron: "0 2 * * *", timezone: America/New_York, target: "raw_orders+",
                     partition: latest, catchup: latest, status: running }
        sensors:
          new_files:  { kind: poll, command: ./sensors/new_files.sh, min_interval: 30s, target: raw_orders }
          webhook:    { kind: push, target: clean_orders }
          downstream: { kind: asset, watch: raw_orders, target: clean_orders }
        automation:
          clean_orders: eager                        # eager | on_missing | on_cron("0 * * * *")
          raw_orders: { condition: on_missing, enabled: false }
        """

    @Test("the ARCHITECTURE sketch loads with the expected summary and order")
    func architectureSketch() throws {
        let definitions = try WorkspaceYAML.load(Self.architectureSketch)
        #expect(definitions.summary == WorkspaceSummary(assets: 2, partitionsDefinitions: 4,
            schedules: 1, sensors: 3))
        #expect(definitions.summary.description
            == "2 assets, 4 partitions definitions, 1 schedule, 3 sensors")
        #expect(definitions.assetOrder == ["raw_orders", "clean_orders"])
        #expect(definitions.automation["raw_orders"] == AutomationPolicy(condition: .onMissing,
            isEnabled: false))
        #expect(definitions.partitionsDefinition(of: "clean_orders")?.name == "daily")
    }

    @Test("every complete YAML example in docs/workspace.md loads")
    func documentationExamples() throws {
        let url = Self.packageRoot.appendingPathComponent("docs/workspace.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "\n```").first }
            .filter { $0.hasPrefix("version: 1") }
        #expect(blocks.count >= 4)
        for block in blocks {
            do throws(DefinitionErrors) {
                _ = try WorkspaceYAML.load(block)
            } catch {
                Issue.record("docs/workspace.md example failed:\n\(error)\n\(block)")
            }
        }
    }

    @Test("the quickstart example loads")
    func quickstart() throws {
        let url = Self.packageRoot.appendingPathComponent("Examples/quickstart/arco.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let definitions = try WorkspaceYAML.load(text)
        #expect(!definitions.assets.isEmpty)
    }
}
