import ArcoCore
import Foundation

/// Reads assets' staleness facts ahead of an evaluation, in the order it will ask for them, on
/// a second read connection and another core: reading facts is a sixth of a report's work, and
/// the evaluation that consumes them runs on the first connection's thread.
///
/// The second connection's snapshot must be the state the evaluation reads. It opens its read
/// transaction after the evaluation's began, and goes on only if both see the same
/// `StoreReader.snapshotID()`: projections change only with the ledger's tip (folds) or with the
/// cache epoch (rebuild, import). Otherwise it reads nothing, and `take` answers nil, after
/// which the caller reads the facts itself. Facts it did read are from the verified snapshot.
public final class StalenessFactsPrefetch: @unchecked Sendable {
    private let assets: [AssetKey]
    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [[String: PartitionFacts]] = []
    private var readyStart = 0
    private var taken = 0
    private var producing = true
    private var stopped = false

    /// Starts reading `assets`' facts, in order, at most `capacity` assets ahead of `take`.
    ///
    /// - Parameter snapshot: the `snapshotID()` of the evaluation's read transaction.
    init(store: any WorkspaceStore, assets: [AssetKey], snapshot: String, capacity: Int) {
        self.assets = assets
        self.capacity = max(1, capacity)
        // A thread of its own, not a pooled one: `take` blocks its caller, which a pool with as
        // many threads as cores (two here) would not replace while it waits.
        let thread = Thread { [self] in
            defer {
                condition.lock()
                producing = false
                condition.broadcast()
                condition.unlock()
            }
            // Any failure (the file cannot be opened again, a busy or changed store) leaves the
            // reading to the caller, which meets the same condition on its own connection.
            try? store.readConcurrently { reader in
                guard try reader.snapshotID() == snapshot else { return }
                for asset in assets {
                    let facts = try reader.stalenessFacts(asset)
                    guard offer(facts) else { return }
                }
            }
        }
        thread.name = "arco-prefetch"
        thread.start()
    }

    /// Queues one asset's facts, waiting while the queue is full; false once stopped.
    private func offer(_ facts: [String: PartitionFacts]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count - readyStart >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        ready.append(facts)
        condition.broadcast()
        return true
    }

    /// The facts of `asset`, which must be the next asset of the list; nil when they were not
    /// read (the snapshot differed, reading failed, or `asset` is not the next one), and then
    /// for every later asset too: the caller reads them on its own connection.
    public func take(_ asset: AssetKey) -> [String: PartitionFacts]? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, taken < assets.count, assets[taken] == asset else {
            stop()
            return nil
        }
        while readyStart == ready.count && producing && !stopped { condition.wait() }
        guard readyStart < ready.count else {
            stop()
            return nil
        }
        let facts = ready[readyStart]
        ready[readyStart] = [:]
        readyStart += 1
        taken += 1
        if readyStart == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyStart = 0
        }
        condition.broadcast()
        return facts
    }

    /// Stops reading ahead: for a caller that ends early (an error, a page already full).
    public func cancel() {
        condition.lock()
        stop()
        condition.unlock()
    }

    /// With `condition` held.
    private func stop() {
        stopped = true
        ready.removeAll()
        readyStart = 0
        condition.broadcast()
    }
}

extension WorkspaceStore {
    /// Starts reading `assets`' staleness facts ahead on a second connection, if they are enough
    /// to be worth it (`minimum`); nil otherwise. Call `take` for each of them, in order, from
    /// inside the read transaction whose `snapshotID()` is `snapshot`.
    public func prefetchStalenessFacts(_ assets: [AssetKey], snapshot: String, minimum: Int = 2, capacity: Int = 16)
        -> StalenessFactsPrefetch?
    {
        guard assets.count >= minimum else { return nil }
        return StalenessFactsPrefetch(store: self, assets: assets, snapshot: snapshot, capacity: capacity)
    }
}

extension StoreReader {
    /// What identifies the state of the projections this snapshot reads: the ledger's tip and
    /// the cache epoch, which every rebuild and import raises.
    public func snapshotID() throws -> String {
        Self.snapshotID(tip: try tip(), epoch: try stalenessCacheEpoch())
    }

    /// The same from a tip and an epoch already read in this snapshot.
    public static func snapshotID(tip: (seq: Int64, hash: String), epoch: Int64) -> String {
        "\(tip.seq):\(tip.hash):\(epoch)"
    }
}
