import ArcoCore
import Testing

@Suite struct DescriptorBudgetTests {
    @Test("steps allowed grow with the limit beyond the reserve, and never fall below one")
    func stepsAllowed() {
        #expect(DescriptorBudget.stepsAllowed(descriptorLimit: 0) == 1)
        #expect(DescriptorBudget.stepsAllowed(descriptorLimit: Limits.reservedDescriptors) == 1)
        #expect(DescriptorBudget.stepsAllowed(descriptorLimit: 256) == (256 - 64) / 12)
        #expect(DescriptorBudget.stepsAllowed(descriptorLimit: 1024) == 80)
        #expect(DescriptorBudget.stepsAllowed(descriptorLimit: Int.max) > 1_000_000)
    }

    @Test("a worker's runs share the budget: runs times steps per run stays within it")
    func split() {
        let total = DescriptorBudget.stepsAllowed(descriptorLimit: 256)
        let (runs, steps) = DescriptorBudget.split(runs: 4, stepsPerRun: 500, descriptorLimit: 256)
        #expect(runs == 4)
        #expect(runs * steps <= total)
        #expect(DescriptorBudget.split(runs: 100, stepsPerRun: 8, descriptorLimit: 256) == (total, 1))
        #expect(DescriptorBudget.split(runs: 2, stepsPerRun: 3, descriptorLimit: 1024) == (2, 3))
    }
}
