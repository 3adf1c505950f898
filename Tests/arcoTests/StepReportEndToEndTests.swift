import ArcoCore
import Foundation
import Testing

/// What a step may report through `ARCO_REPORT`: at most `Limits.stepReportBytesMax` per attempt,
/// read in bounded memory, without following links (docs/adr/0015-step-report-bounds.md).
@Suite struct StepReportEndToEndTests {
    /// A step whose report is a `data_version` line, then one metadata line with a blob of
    /// `blobBytes` bytes.
    static func workspace(blobBytes: Int, versionLine: Bool = true) throws -> RunWorkspace {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              big: { command: 'sh "$ARCO_WORKSPACE/report.sh"' }
            """)
        let version = versionLine ? #"printf '{"data_version": "v7"}\n'; "# : ""
        try workspace.folder.write("report.sh", """
            { \(version)printf '{"metadata": {"blob": "'; head -c \(blobBytes) /dev/zero | tr '\\000' x; printf '"}}\\n'; } > "$ARCO_REPORT"

            """)
        return workspace
    }

    /// The payloads of every ledger event, each with its size in canonical JSON.
    static func payloads(_ workspace: RunWorkspace) throws -> [(type: String, bytes: Int, payload: JSONValue)] {
        let (status, events) = try workspace.json(["events", "--limit", "1000"])
        #expect(status == 0)
        return (events["events"]?.arrayValue ?? []).compactMap { event in
            guard let payload = event["payload"], let type = event["type"]?.stringValue else { return nil }
            return (type, CanonicalJSON.encode(payload).utf8.count, payload)
        }
    }

    @Test("a 5 MB report: the step succeeds, keeps the lines before the limit, records the cut and warns")
    func overLimit() throws {
        let workspace = try Self.workspace(blobBytes: 5_000_000)
        let result = try workspace.arco(["run", "big"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("warning: step 'big': ARCO_REPORT is 5000050 bytes, over the 1MiB limit;"), "\(result.stderr)")
        #expect(result.stdout.contains("SUCCESS  big"), "\(result.stdout)")

        let payloads = try Self.payloads(workspace)
        let largest = try #require(payloads.map(\.bytes).max())
        #expect(largest < Int(Limits.stepReportBytesMax), "largest event payload: \(largest) bytes")
        let materialized = try #require(payloads.first { $0.type == "AssetMaterialized" }?.payload)
        #expect(materialized["data_version"]?.stringValue == "v7", "the line before the limit is kept")
        #expect(materialized["metadata"]?["blob"] == nil, "the line over the limit is dropped")
        let cut = try #require(materialized["metadata"]?[StepReportCut.metadataKey])
        #expect(cut["report_bytes"]?.intValue == 5_000_050)
        #expect(cut["kept_bytes"]?.intValue == 23)
        #expect(cut["limit_bytes"]?.intValue == Limits.stepReportBytesMax)
    }

    @Test("a report of exactly the limit is kept whole, with no cut and no warning")
    func atLimit() throws {
        // `{"metadata": {"blob": "` (23 bytes) + blob + `"}}\n` (4 bytes) = 1 MiB.
        let blob = Int(Limits.stepReportBytesMax) - 27
        let workspace = try Self.workspace(blobBytes: blob, versionLine: false)
        let result = try workspace.arco(["run", "big"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        let materialized = try #require(try Self.payloads(workspace).first { $0.type == "AssetMaterialized" }?.payload)
        #expect(materialized["metadata"]?["blob"]?.stringValue?.utf8.count == blob)
        #expect(materialized["metadata"]?[StepReportCut.metadataKey] == nil)
    }

    @Test("a report that is a symbolic link is not followed: the step fails naming the link")
    func symbolicLink() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              linked: { command: 'ln -s "$ARCO_WORKSPACE/elsewhere.json" "$ARCO_REPORT"' }
            """)
        try workspace.folder.write("elsewhere.json", #"{"metadata": {"secret": "s3cr3t"}}"# + "\n")
        let result = try workspace.arco(["run", "linked"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ARCO_REPORT: '") && result.stdout.contains("is a symbolic link"), "\(result.stdout)")
        let payloads = try Self.payloads(workspace)
        #expect(!payloads.contains { $0.type == "AssetMaterialized" })
        #expect(!payloads.contains { CanonicalJSON.encode($0.payload).contains("s3cr3t") })
    }
}
