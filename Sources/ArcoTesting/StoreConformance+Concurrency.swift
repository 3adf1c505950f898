import ArcoCore
import ArcoStore
import Foundation
import Synchronization

/// Writers on real threads, each with its own instance of the store (its own connection, as
/// separate processes have): the store's write serialization is all that keeps the ledger whole.
extension StoreConformance {
    static let writerThreads = 4
    static let appendsPerThread = 25

    /// Threads appending distinct keys at once: the ledger is numbered 1…total without a gap,
    /// the chain is intact and the projections equal a fresh fold.
    static func concurrentAppends(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let results = try onThreads(subject) { thread, store in
            var appended = 0
            for index in 0..<appendsPerThread {
                appended += try append([run("t\(thread)-\(index)")], to: store, at: at(Int64(index))).appended.count
            }
            return appended
        }
        problems += results.failures
        let total = writerThreads * appendsPerThread
        expect(results.values.reduce(0, +) == total, "every append inserted its row: \(results.values)", &problems)
        let seqs = try subject.store.read { try $0.events(EventFilter()) }.map(\.seq)
        expect(seqs == (1...Int64(total)).map { $0 }, "the ledger is numbered 1…\(total) without a gap: \(seqs.count) rows", &problems)
        expect(try subject.store.health().chainBreak == nil, "the chain is intact", &problems)
        let verified = try subject.store.rebuild(verifyOnly: true)
        expect(verified.differences.isEmpty, "the projections equal a rebuild: \(verified.differences)", &problems)
        expect(try subject.store.read { try $0.snapshot().runs.count } == total, "every run folded", &problems)
        return problems
    }

    /// Threads appending the same key at once: exactly one row, and every other append is told
    /// it was a duplicate.
    static func concurrentSameKey(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let results = try onThreads(subject) { _, store in
            try append([run("contended")], to: store).appended.count
        }
        problems += results.failures
        expect(
            results.values.sorted() == Array(repeating: 0, count: writerThreads - 1) + [1],
            "one thread appended, the others were told of the duplicate: \(results.values)", &problems)
        let rows = try subject.store.read { try $0.events(EventFilter()) }
        expect(rows.map(\.idempotencyKey) == [IdempotencyKey("run:contended")], "exactly one row: \(rows.count)", &problems)
        expect(try subject.store.rebuild(verifyOnly: true).differences.isEmpty, "the projections equal a rebuild", &problems)
        return problems
    }

    /// Runs `body` on `writerThreads` threads, each with a store instance it opened itself, all
    /// released at once by a barrier once every instance is open; waits for all of them.
    /// - Returns: each thread's result, and one line per thread that threw.
    static func onThreads(
        _ subject: StoreUnderTest, _ body: @escaping @Sendable (Int, any WorkspaceStore) throws -> Int
    ) throws -> (values: [Int], failures: [String]) {
        let stores = try (0..<writerThreads).map { _ in try subject.open() }
        let barrier = ThreadBarrier(parties: writerThreads)
        let outcomes = Mutex<[Int: Result<Int, any Error>]>([:])
        let done = DispatchGroup()
        for (thread, store) in stores.enumerated() {
            done.enter()
            Thread {
                barrier.arriveAndWait()
                let outcome = Result { try body(thread, store) }
                outcomes.withLock { $0[thread] = outcome }
                done.leave()
            }.start()
        }
        done.wait()
        let all = outcomes.withLock { $0 }
        var values = [Int]()
        var failures = [String]()
        for thread in 0..<writerThreads {
            switch all[thread] {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: failures.append("thread \(thread) failed: \(error)")
            case nil: failures.append("thread \(thread) reported nothing")
            }
        }
        return (values, failures)
    }
}
