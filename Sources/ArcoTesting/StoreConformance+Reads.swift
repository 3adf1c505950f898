import ArcoCore
import ArcoStore

extension StoreConformance {
    /// Each asset's last materialization position, asked for many assets at once, whatever
    /// characters their keys hold; an asset never materialized is absent.
    static func lastMaterializations(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        let odd = #"we"ird\as,set/é ü"#
        func materialized(_ asset: String, _ report: String) -> EventDraft {
            EventDraft(AssetMaterialized(
                asset: asset, partition: nil, runID: nil, stepKey: nil, attempt: nil, reportKey: report, codeVersion: nil,
                dataVersion: report))
        }
        let result = try append([materialized("a", "1"), materialized(odd, "2"), materialized("a", "3")], to: store)
        let seqs = result.appended.map(\.seq)
        let found = try store.read { try $0.lastMaterializationSeqs(["a", AssetKey(odd), "never"]) }
        let expected: [AssetKey: Int64] = ["a": seqs[2], AssetKey(odd): seqs[1]]
        expect(found == expected, "last materializations \(found), expected \(expected)", &problems)
        expect(try store.read { try $0.lastMaterializationSeqs([]) }.isEmpty, "no assets asked, none found", &problems)
        return problems
    }
}
