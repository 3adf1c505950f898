import ArcoStore
import Foundation

/// A store in a fresh temporary folder, removed when the test ends.
final class TemporaryStore {
    let folder: String
    let store: SQLiteStore

    init(synchronousFull: Bool = true) throws {
        folder = NSTemporaryDirectory() + "arco-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder + "/arco.db", options: .init(synchronousFull: synchronousFull))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
