import ArcoCore
import Testing

/// A cadence edit restarts a schedule; a rewording of the same cadence must not.
@Suite struct ScheduleCadenceTests {
    static func key(_ crons: [String], zone: String = "UTC") -> String {
        ScheduleCadence.key(ScheduleDefinition(
            name: "s", crons: crons.map { try! CronSyntax.parse($0) }, timezone: zone, target: "a", status: .running))
    }

    @Test("the same ticks written another way give the same key")
    func rewordings() {
        #expect(Self.key(["0 * * * *", "30 * * * *"]) == Self.key(["30 * * * *", "0 * * * *"]))
        #expect(Self.key(["0,30 * * * *"]) == Self.key(["0,30  * * * *"]))
        #expect(Self.key(["30,0 * * * *"]) == Self.key(["0,30 * * * *"]))
        #expect(Self.key(["*/30 * * * *"]) == Self.key(["0,30 * * * *"]))
        #expect(Self.key(["@daily"]) == Self.key(["0 0 * * *"]))
        #expect(Self.key(["0 9 * * 1#2"]) == Self.key(["0  9 * * 1#2"]))
        #expect(Self.key(["0 0 L * *"]) == Self.key(["0 0 L * *"]))
        #expect(Self.key(["0 1 * * *"], zone: "Etc/UTC") == Self.key(["0 1 * * *"], zone: "UTC"))
        #expect(Self.key(["0 1 * * *", "0 1 * * *"]) == Self.key(["0 1 * * *"]))
    }

    @Test("other ticks or another zone give another key")
    func edits() {
        #expect(Self.key(["0 * * * *"]) != Self.key(["30 * * * *"]))
        #expect(Self.key(["0 9 * * 1#2"]) != Self.key(["0 9 * * 1#3"]))
        #expect(Self.key(["0 0 L * *"]) != Self.key(["0 0 1 * *"]))
        #expect(Self.key(["0 0 15,L * *"]) != Self.key(["0 0 L * *"]))
        #expect(Self.key(["0 1 * * *"], zone: "Europe/Berlin") != Self.key(["0 1 * * *"], zone: "UTC"))
        #expect(Self.key(["0 1 * * *", "0 2 * * *"]) != Self.key(["0 1 * * *"]))
    }
}
