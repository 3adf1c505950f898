import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("DependencyGraph")
    struct DependencyGraphTests {
        static func asset(_ key: AssetKey, deps: [AssetKey] = []) -> AssetDefinition {
            AssetDefinition(key: key, command: .shell("true"),
                dependencies: deps.map { AssetDependency(asset: $0) })
        }

        @Test("orders dependencies first and breaks ties by key")
        func topologicalOrder() {
            let graph = DependencyGraph(assets: [
                Self.asset("report", deps: ["clean", "dim"]),
                Self.asset("clean", deps: ["raw"]),
                Self.asset("raw"),
                Self.asset("dim"),
                Self.asset("audit", deps: ["raw"]),
            ])
            #expect(graph.topologicalOrder() == ["dim", "raw", "audit", "clean", "report"])
        }

        @Test("ignores dependencies on undeclared assets")
        func ignoresUnknownAssets() {
            let graph = DependencyGraph(
                assets: [Self.asset("b", deps: ["missing"]), Self.asset("a")])
            #expect(graph.topologicalOrder() == ["a", "b"])
            #expect(graph.upstream(of: "b").isEmpty)
            #expect(graph.cycles().isEmpty)
        }

        @Test("reports each cycle once, in data-flow order from its smallest key")
        func cyclesReportedOnce() {
            let graph = DependencyGraph(assets: [
                Self.asset("b", deps: ["a"]), Self.asset("a", deps: ["b"]),
                Self.asset("x", deps: ["z"]), Self.asset("y", deps: ["x"]),
                Self.asset("z", deps: ["y"]),
                Self.asset("self", deps: ["self"]), Self.asset("fine", deps: ["a"]),
            ])
            #expect(graph.cycles() == [["a", "b"], ["self"], ["x", "y", "z"]])
        }

        @Test("puts assets on a cycle last instead of dropping them")
        func cyclicOrderKeepsEveryAsset() {
            let graph = DependencyGraph(assets: [
                Self.asset("a", deps: ["b"]), Self.asset("b", deps: ["a"]), Self.asset("c"),
            ])
            #expect(graph.topologicalOrder() == ["c", "a", "b"])
        }

        @Test("walks a long chain without recursion")
        func longChain() {
            let count = 5000
            let keys = (0..<count).map { index -> AssetKey in
                let digits = String(index)
                return AssetKey("a" + String(repeating: "0", count: 5 - digits.count) + digits)
            }
            var assets = [Self.asset(keys[0])]
            for index in 1..<count {
                assets.append(Self.asset(keys[index], deps: [keys[index - 1]]))
            }
            let graph = DependencyGraph(assets: assets.reversed())
            #expect(graph.topologicalOrder() == keys)
            #expect(graph.cycles().isEmpty)
        }
    }
}
