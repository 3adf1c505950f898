import ArcoCore
import ArcoStore
import Foundation
import Testing

/// The verdict cache's typed columns (migration 0008): counts, keys stamp and refresh metadata
/// come back as they were saved.
@Suite struct StalenessCacheStoreTests {
    @Test("an entry's counts, keys stamp, structure and as_of round-trip through the typed columns")
    func roundTrip() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let epoch = try store.read { try $0.stalenessCacheEpoch() }
        let stamp = KeysStamp(keys: ["2024-01-01", "2024-01-02"])
        let entries = [
            StalenessCacheEntry(
                asset: "clean", fingerprint: "f1", counts: [1, 2, 3, 4, 5, 0, 7], rows: [1, 0], structure: "s1", asOf: 42,
                keys: stamp),
            StalenessCacheEntry(asset: "raw", fingerprint: "f2", counts: [0, 0, 0, 0, 0, 0, 1], rows: [1, 0]),
        ]
        #expect(store.saveStalenessCache(entries, epoch: epoch))
        let headers = try store.read { try $0.stalenessCacheHeaders() }
        #expect(
            headers["clean"]
                == StalenessCacheHeader(
                    fingerprint: "f1", counts: [1, 2, 3, 4, 5, 0, 7],
                    refresh: StalenessRefresh.Entry(structure: "s1", asOf: 42, keys: stamp)))
        #expect(headers["raw"]?.refresh == StalenessRefresh.Entry(structure: "", asOf: 0, keys: nil), "no stamp: NULL")
        #expect(try store.read { try $0.stalenessCacheRows("clean") } == [1, 0])
    }

    @Test("an entry saved under an older epoch is not saved")
    func staleEpoch() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let epoch = try store.read { try $0.stalenessCacheEpoch() }
        try store.clearStalenessCache()
        let entry = StalenessCacheEntry(asset: "raw", fingerprint: "f", counts: [0, 0, 0, 0, 0, 0, 1], rows: [1, 0])
        #expect(!store.saveStalenessCache([entry], epoch: epoch))
        #expect(try store.read { try $0.stalenessCacheHeaders() }.isEmpty)
    }
}
