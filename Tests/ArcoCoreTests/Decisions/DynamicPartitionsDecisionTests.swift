import ArcoCore
import ArcoTesting
import Testing

@Suite struct DynamicPartitionsDecisionTests {
    @Test("adding present keys and removing missing ones changes nothing and records nothing")
    func idempotent() {
        let present: Set<String> = ["a", "b"]
        let outcome = DynamicPartitionsDecision.decide(
            partitionsDef: "ev", add: ["a"], remove: ["zzz"], currentVersion: 4, isPresent: { present.contains($0) })
        #expect(outcome.event == nil)
        #expect(outcome.unchanged == ["a", "zzz"])
    }

    @Test("a real change becomes one event at the next state version, duplicates in the request once")
    func change() {
        let present: Set<String> = ["a"]
        let outcome = DynamicPartitionsDecision.decide(
            partitionsDef: "ev", add: ["b", "b", "a"], remove: ["a", "a"], currentVersion: 4,
            isPresent: { present.contains($0) })
        #expect(outcome.added == ["b"])
        #expect(outcome.removed == ["a"])
        #expect(outcome.unchanged == ["a"])
        #expect(outcome.event == DynamicPartitionsChanged(partitionsDef: "ev", added: ["b"], removed: ["a"], stateVersion: 5))
    }

    @Test("a key added and removed in one request is both, and ends absent after the fold")
    func addThenRemove() throws {
        let outcome = DynamicPartitionsDecision.decide(
            partitionsDef: "ev", add: ["x"], remove: ["x"], currentVersion: 0, isPresent: { _ in false })
        let event = try #require(outcome.event)
        let projections = InMemoryProjections()
        var meta = ProjectionMeta.empty
        var builder = LedgerBuilder()
        builder.append([EventDraft(event)])
        for folded in builder.events { try Fold.apply(folded, to: projections, meta: &meta) }
        #expect(!projections.hasDynamicPartition("ev", "x"))
        #expect(projections.dynamicPartitionsVersion("ev") == 1)
    }
}

@Suite struct PartitionKeyRulesTests {
    @Test("Dagster's forbidden substrings are rejected; shell metacharacters are legal keys")
    func rules() {
        #expect(PartitionKeyRules.problem(with: "a...b", insideMulti: false) != nil)
        #expect(PartitionKeyRules.problem(with: "line\nbreak", insideMulti: false) != nil)
        #expect(PartitionKeyRules.problem(with: "", insideMulti: false) != nil)
        #expect(PartitionKeyRules.problem(with: "$(rm -rf /); `x` | y", insideMulti: false) == nil)
        for separator in ["a|b", "a,b", "a[b", "a]b"] {
            #expect(PartitionKeyRules.problem(with: separator, insideMulti: true) != nil, "\(separator)")
            #expect(PartitionKeyRules.problem(with: separator, insideMulti: false) == nil, "\(separator)")
        }
    }
}
