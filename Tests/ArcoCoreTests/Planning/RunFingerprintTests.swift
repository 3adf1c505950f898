import ArcoCore
import Testing

/// Equal requests have equal fingerprints whatever their order; anything planned differently differs.
@Suite struct RunFingerprintTests {
    static func step(_ asset: String, _ canonical: [String] = []) -> PlannedStep {
        PlannedStep(stepKey: StepKey(asset), asset: asset, canonicalPartitions: canonical)
    }

    @Test("asset, step and tag order do not matter")
    func orderInsensitive() {
        let one = RunFingerprint.run(
            assets: ["a", "b"], closure: (false, false), steps: [Self.step("a", ["key=s:x"]), Self.step("b")],
            tags: ["t": "1", "u": "2"])
        let two = RunFingerprint.run(
            assets: ["b", "a"], closure: (false, false), steps: [Self.step("b"), Self.step("a", ["key=s:x"])],
            tags: ["u": "2", "t": "1"])
        #expect(one == two)
        #expect(one.count == 64)
    }

    @Test("a different asset, partition, tag or closure changes it")
    func sensitive() {
        let base = RunFingerprint.run(assets: ["a"], closure: (false, false), steps: [Self.step("a", ["key=s:x"])], tags: [:])
        let variants = [
            RunFingerprint.run(assets: ["b"], closure: (false, false), steps: [Self.step("a", ["key=s:x"])], tags: [:]),
            RunFingerprint.run(assets: ["a"], closure: (false, false), steps: [Self.step("a", ["key=s:y"])], tags: [:]),
            RunFingerprint.run(assets: ["a"], closure: (false, false), steps: [Self.step("a", ["key=s:x"])], tags: ["t": ""]),
            RunFingerprint.run(assets: ["a"], closure: (false, true), steps: [Self.step("a", ["key=s:x"])], tags: [:]),
        ]
        #expect(Set(variants).count == 4)
        #expect(!variants.contains(base))
    }

    @Test("closure flags come from the selection's traversals")
    func closureFlags() throws {
        #expect(try AssetSelection.parse("a").expression.closureFlags == (false, false))
        #expect(try AssetSelection.parse("a+").expression.closureFlags == (false, true))
        #expect(try AssetSelection.parse("+a").expression.closureFlags == (true, false))
        #expect(try AssetSelection.parse("key:a+ or +key:b").expression.closureFlags == (true, true))
    }
}
