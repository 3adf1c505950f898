import ArcoCore
@testable import ArcoStore
import Foundation
import Testing

/// The PostgreSQL append's up-front key check (`ledgerKeys`, one bound JSON array): keys that
/// would break out of a literal or a JSON string are found exactly, byte for byte.
@Suite struct PostgresAppendKeysTests {
    @Test func hostileKeysAreStoredAndRecognisedAsRepeats() throws {
        let temporary = try TemporaryPostgresStore(name: "append_keys")
        let keys = PostgresSessionDeferredTests.hostileTexts + ["\"]", "\\u0041", "[\"a\"]", "\u{1}\u{1f}"]
        let drafts = keys.map {
            EventDraft(unknownType: "test.key", version: 1, payload: .object(["k": .string($0)]), idempotencyKey: IdempotencyKey($0))
        }
        let first = try temporary.store.write { transaction in
            try transaction.append(drafts.map { ($0, EventID("evt-" + UUID().uuidString)) }, recordedAt: Timestamp(secondsSinceEpoch: 0))
        }
        #expect(first.appended.count == keys.count && first.duplicates.isEmpty, "\(first.duplicates)")
        let again = try temporary.store.write { transaction in
            try transaction.append(drafts.map { ($0, EventID("evt-" + UUID().uuidString)) }, recordedAt: Timestamp(secondsSinceEpoch: 1))
        }
        #expect(again.appended.isEmpty)
        #expect(again.duplicates.map { Array($0.rawValue.utf8) } == keys.map { Array($0.utf8) })
        let stored = try temporary.store.read { reader in try reader.events(EventFilter()).map(\.idempotencyKey.rawValue) }
        #expect(stored.map { Array($0.utf8) } == keys.map { Array($0.utf8) })
    }
}
