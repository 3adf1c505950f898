import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Asset {
    /// `arco asset show KEY`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show how many of an asset's partitions are materialized, failed, in progress or missing.",
            discussion: """
                Consecutive partitions in the same state are printed as ranges (first...last). \
                --json prints {"asset", "partitions_def", "total", "counts": {"materialized", "failed", \
                "in_progress", "missing"}, "ranges": [{"first", "last", "status", "count"}], \
                "last_materialization": {"partition", "run_id", "data_version", "code_version", "at"} or null}.
                """
        )

        @Argument(help: "The asset key.", completion: CompletionCandidates.assets)
        var asset: String

        @Flag(help: "Draw the partition health bar even when standard output is not a terminal.")
        var bar = false

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let report = try context.engine.assetStatus(asset, now: time.instant)
            if output.json {
                Console.out(Self.jsonText(report))
            } else {
                printText(report, context.terminal, bar: bar || context.terminal.stdoutIsTTY)
            }
        }

        /// The JSON document, with the (possibly tens of thousands of) ranges written directly in
        /// canonical form: building a `JSONValue` object per range doubled the command's time.
        static func jsonText(_ report: AssetStatusReport) -> String {
            var head = json(report)
            guard case .object(var members) = head else { return CanonicalJSON.encode(head) }
            members["ranges"] = .array([])
            head = .object(members)
            var bytes = [UInt8]()
            bytes.reserveCapacity(report.summary.ranges.count * 80)
            bytes.append(UInt8(ascii: "["))
            for (index, range) in report.summary.ranges.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: #"{"count":"#.utf8)
                bytes.append(contentsOf: String(range.count).utf8)
                bytes.append(contentsOf: #","first":"#.utf8)
                CanonicalJSON.write(.string(range.first), to: &bytes)
                bytes.append(contentsOf: #","last":"#.utf8)
                CanonicalJSON.write(.string(range.last), to: &bytes)
                bytes.append(contentsOf: #","status":""#.utf8)
                bytes.append(contentsOf: range.state.rawValue.utf8)
                bytes.append(contentsOf: #""}"#.utf8)
            }
            bytes.append(UInt8(ascii: "]"))
            // "ranges" sorts between "partitions_def" and "total", so the ranges are spliced in
            // where the head's empty array is, as bytes: a string search over megabytes of output
            // cost as much as writing it.
            let encoded = Array(CanonicalJSON.encode(head).utf8)
            let marker = Array(#""ranges":[]"#.utf8)
            guard let at = encoded.indices.first(where: { encoded[$0...].starts(with: marker) }) else {
                return String(decoding: encoded, as: UTF8.self)
            }
            var document = Array(encoded[..<(at + marker.count - 2)])
            document.reserveCapacity(encoded.count + bytes.count)
            document.append(contentsOf: bytes)
            document.append(contentsOf: encoded[(at + marker.count)...])
            return String(decoding: document, as: UTF8.self)
        }

        static func json(_ report: AssetStatusReport) -> JSONValue {
            let counts = report.summary.counts
            let last: JSONValue = report.lastMaterialization.map { row in
                [
                    "partition": .optional(row.partition), "run_id": .optional(row.lastMaterializationRunID?.rawValue),
                    "data_version": .optional(row.dataVersion), "code_version": .optional(row.codeVersion),
                    "at": .optional(row.lastMaterializedAt?.iso8601),
                ]
            } ?? .null
            return [
                "asset": .string(report.asset), "partitions_def": .optional(report.partitionsDefinition),
                "total": .int(Int64(report.total)),
                "counts": [
                    "materialized": .int(Int64(counts[.materialized] ?? 0)), "failed": .int(Int64(counts[.failed] ?? 0)),
                    "in_progress": .int(Int64(counts[.inProgress] ?? 0)), "missing": .int(Int64(counts[.missing] ?? 0)),
                ],
                "ranges": .array([]),
                "last_materialization": last,
            ]
        }

        private func printText(_ report: AssetStatusReport, _ terminal: Terminal, bar: Bool) {
            let counts = report.summary.counts
            let scope = report.partitionsDefinition.map { "\(report.total) partitions of '\($0)'" } ?? "unpartitioned"
            var lines = ["\(terminal.bold(report.asset)): \(scope)"]
            lines.append(
                "  materialized \(counts[.materialized] ?? 0)  failed \(counts[.failed] ?? 0)  "
                    + "in progress \(counts[.inProgress] ?? 0)  missing \(counts[.missing] ?? 0)")
            if report.partitionsDefinition != nil {
                if bar {
                    let cells = PartitionHealthBar.cells(report.summary.ranges, total: report.total, width: HealthBarText.width())
                    lines += ["  " + HealthBarText.bar(cells, terminal), "  " + terminal.dim(HealthBarText.legend)]
                }
                for range in report.summary.ranges {
                    let span = range.count == 1 ? range.first : "\(range.first)...\(range.last)"
                    lines.append("  \(span)  \(range.state.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")) (\(range.count))")
                }
            }
            if let last = report.lastMaterialization {
                lines.append(
                    "  last materialized: \(last.partition ?? "(unpartitioned)") at \(last.lastMaterializedAt?.iso8601 ?? "?"), data version \(last.dataVersion ?? "?")")
            }
            Console.out(lines.joined(separator: "\n"))
        }
    }
}
