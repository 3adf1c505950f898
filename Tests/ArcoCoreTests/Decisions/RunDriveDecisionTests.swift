import ArcoCore
import Testing

/// Every combination of a reservation and `--detach`/`--wait`, against what `arco run` does.
@Suite struct RunDriveDecisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var existing: Bool
        var shouldExecute: Bool
        var detach: Bool
        var wait: Bool
        var expected: RunDriveDecision
        var testDescription: String {
            "existing=\(existing) shouldExecute=\(shouldExecute) detach=\(detach) wait=\(wait)"
        }
    }

    static let cases: [Case] = [
        // A new foreground run executes here; --wait changes nothing.
        Case(existing: false, shouldExecute: true, detach: false, wait: false, expected: .execute),
        Case(existing: false, shouldExecute: true, detach: false, wait: true, expected: .execute),
        // A new detached run (never executable here) goes to a worker; --wait waits for it.
        Case(existing: false, shouldExecute: false, detach: true, wait: false, expected: .spawnWorker(thenWait: false)),
        Case(existing: false, shouldExecute: false, detach: true, wait: true, expected: .spawnWorker(thenWait: true)),
        Case(existing: false, shouldExecute: true, detach: true, wait: false, expected: .spawnWorker(thenWait: false)),
        Case(existing: false, shouldExecute: true, detach: true, wait: true, expected: .spawnWorker(thenWait: true)),
        // A new run nobody may execute (not a request arco makes): report it, or wait with --wait.
        Case(existing: false, shouldExecute: false, detach: false, wait: false, expected: .report),
        Case(existing: false, shouldExecute: false, detach: false, wait: true, expected: .wait),
        // An abandoned run under a repeated key: executed here, or by a worker with --detach.
        Case(existing: true, shouldExecute: true, detach: false, wait: false, expected: .execute),
        Case(existing: true, shouldExecute: true, detach: false, wait: true, expected: .execute),
        Case(existing: true, shouldExecute: true, detach: true, wait: false, expected: .spawnWorker(thenWait: false)),
        Case(existing: true, shouldExecute: true, detach: true, wait: true, expected: .spawnWorker(thenWait: true)),
        // A run another process owns: never started twice; reported, or waited for with --wait.
        Case(existing: true, shouldExecute: false, detach: false, wait: false, expected: .report),
        Case(existing: true, shouldExecute: false, detach: false, wait: true, expected: .wait),
        Case(existing: true, shouldExecute: false, detach: true, wait: false, expected: .report),
        Case(existing: true, shouldExecute: false, detach: true, wait: true, expected: .wait),
    ]

    @Test("each reservation and flag combination is executed, queued, waited for or reported", arguments: cases)
    func decides(_ example: Case) {
        let decision = RunDriveDecision.decide(
            existing: example.existing, shouldExecute: example.shouldExecute, detach: example.detach, wait: example.wait)
        #expect(decision == example.expected)
    }

    @Test("the table covers all sixteen combinations once")
    func coversEveryCombination() {
        let combinations = Set(Self.cases.map { [$0.existing, $0.shouldExecute, $0.detach, $0.wait] })
        #expect(combinations.count == 16 && Self.cases.count == 16)
    }
}
