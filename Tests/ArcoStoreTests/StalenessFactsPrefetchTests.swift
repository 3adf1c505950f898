import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// Facts read ahead on a second connection are the facts of the reader's snapshot, or none.
@Suite struct StalenessFactsPrefetchTests {
    static let at = Timestamp(secondsSinceEpoch: 1_704_067_200)
    static let assets: [AssetKey] = (0..<6).map { AssetKey("a\($0)") }

    /// Six assets, each with three materialized partitions.
    static func filledStore() throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        try record(temporary, round: 1)
        return temporary
    }

    static func record(_ temporary: TemporaryStore, round: Int) throws {
        let ids = SequentialIDGenerator()
        var drafts: [(EventDraft, EventID)] = []
        for asset in assets {
            for day in ["2024-01-01", "2024-01-02", "2024-01-03"] {
                let draft = EventDraft(AssetMaterialized(
                    asset: asset.rawValue, partition: day, runID: nil, stepKey: nil, attempt: nil,
                    reportKey: "test:\(asset.rawValue):\(day):\(round)", codeVersion: nil,
                    dataVersion: "v\(round)-\(asset.rawValue)-\(day)", consumed: []))
                drafts.append((draft, EventID("\(ids.makeEventID(at: at).rawValue)-\(round)")))
            }
        }
        _ = try temporary.store.write { try $0.append(drafts, recordedAt: at) }
    }

    @Test("facts read ahead equal the reader's own, asset by asset, in order")
    func sameFacts() throws {
        let temporary = try Self.filledStore()
        try temporary.store.read { reader in
            let prefetch = try #require(temporary.store.prefetchStalenessFacts(Self.assets, snapshot: try reader.snapshotID()))
            for asset in Self.assets {
                let ahead = try #require(prefetch.take(asset), "\(asset)")
                #expect(ahead == (try reader.stalenessFacts(asset)))
                #expect(ahead.count == 3)
            }
        }
    }

    @Test("a store that changed after the reader's snapshot was taken gives no facts; the reader reads its own")
    func changedSnapshot() throws {
        let temporary = try Self.filledStore()
        let before = try temporary.store.read { try $0.snapshotID() }
        try Self.record(temporary, round: 2)
        let after = try temporary.store.read { try $0.snapshotID() }
        #expect(before != after)
        let prefetch = try #require(temporary.store.prefetchStalenessFacts(Self.assets, snapshot: before))
        #expect(prefetch.take(Self.assets[0]) == nil)
        #expect(prefetch.take(Self.assets[1]) == nil, "once it gave up, it stays given up")
        // A raised cache epoch (a rebuild, an import) is a change too, with the same ledger tip.
        try temporary.store.clearStalenessCache()
        let cleared = try temporary.store.read { try $0.snapshotID() }
        #expect(cleared != after)
        #expect(try #require(temporary.store.prefetchStalenessFacts(Self.assets, snapshot: after)).take(Self.assets[0]) == nil)
    }

    @Test("asking out of order, after a cancel, or for too few assets gives nothing")
    func misuse() throws {
        let temporary = try Self.filledStore()
        try temporary.store.read { reader in
            let snapshot = try reader.snapshotID()
            #expect(temporary.store.prefetchStalenessFacts([Self.assets[0]], snapshot: snapshot) == nil)
            let skipped = try #require(temporary.store.prefetchStalenessFacts(Self.assets, snapshot: snapshot))
            #expect(skipped.take(Self.assets[1]) == nil)
            #expect(skipped.take(Self.assets[0]) == nil)
            let cancelled = try #require(temporary.store.prefetchStalenessFacts(Self.assets, snapshot: snapshot, capacity: 1))
            #expect(cancelled.take(Self.assets[0]) != nil)
            cancelled.cancel()
            #expect(cancelled.take(Self.assets[1]) == nil)
        }
    }
}
