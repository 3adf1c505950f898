import ArcoCore
import Testing

/// The report's hand-written row encoder writes exactly the canonical JSON of the row.
@Suite struct StalenessRowJSONTests {
    static let at = Timestamp(secondsSinceEpoch: 1_704_067_200)

    @Test("every cause, fresh rows and awkward strings encode as CanonicalJSON does", arguments: [
        StalenessRow.fresh("raw", nil),
        StalenessRow.fresh("a/b", "2024-01-01|us"),
        StalenessRow(asset: "x", partition: "k", status: .missing, reason: .neverMaterialized, cause: .neverMaterialized, since: nil),
        StalenessRow(asset: "x", partition: nil, status: .stale, reason: .codeChanged,
                     cause: .codeChanged(materialized: nil, current: "2", materializedAt: at), since: nil),
        StalenessRow(asset: "x", partition: "q\"uote\\", status: .stale, reason: .upstreamNeverMaterialized,
                     cause: .upstreamNeverMaterialized(asset: "up", partition: "tab\there"), since: nil),
        StalenessRow(asset: "x", partition: "k", status: .stale, reason: .upstreamChanged,
                     cause: .upstreamChanged(asset: "up", partition: nil, consumed: nil, current: "v", changedAt: at), since: at),
        StalenessRow(asset: "x", partition: "é", status: .stale, reason: .upstreamStale,
                     cause: .upstreamStale(asset: "up", partition: "k", reason: .codeChanged), since: at),
        StalenessRow(asset: "x", partition: nil, status: .stale, reason: .freshnessViolated,
                     cause: .freshnessViolated(materializedAt: at, maxLagSeconds: 60, cron: "0 9 * * *", deadline: at), since: at),
    ])
    func matchesCanonical(row: StalenessRow) {
        var bytes: [UInt8] = []
        row.writeJSON(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == CanonicalJSON.encode(row.json()))
    }
}
