import ArcoCore
import Testing

@Suite struct PluralTests {
    @Test("one takes the singular; zero and many the plural, regular or given")
    func numbers() {
        #expect(Plural.count(1, "run") == "1 run")
        #expect(Plural.count(0, "run") == "0 runs")
        #expect(Plural.count(2, "planned run") == "2 planned runs")
        #expect(Plural.count(3, "child", "children") == "3 children")
        #expect(Plural.count(1, "child", "children") == "1 child")
    }
}
