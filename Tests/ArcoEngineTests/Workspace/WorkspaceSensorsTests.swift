import ArcoCore
import ArcoEngine
import Testing

@Suite("Workspace sensors")
struct WorkspaceSensorsTests {
    static let assets = """
        version: 1
        assets:
          raw_orders: {command: x}
          clean_orders: {command: y, deps: [raw_orders]}

        """

    @Test("decodes poll, push and asset sensors")
    func decodes() throws {
        let definitions = try WorkspaceYAML.load(Self.assets + """
            sensors:
              new_files: {kind: poll, command: ./sensors/new_files.sh, min_interval: 30s, target: raw_orders}
              fast: {kind: poll, argv: [./poll], min_interval: 500ms, target: raw_orders, status: running}
              default_interval: {kind: poll, command: ./poll, target: raw_orders}
              webhook: {kind: push, target: clean_orders, tags: {source: hook}}
              downstream: {kind: asset, watch: raw_orders, target: clean_orders}
              many: {kind: asset, watch: [raw_orders, clean_orders], target: clean_orders}
            """)
        #expect(definitions.sensors.map(\.name) == [
            "new_files", "fast", "default_interval", "webhook", "downstream", "many",
        ])
        #expect(definitions.sensor("new_files")?.kind
            == .poll(command: .shell("./sensors/new_files.sh"), minimumInterval: .seconds(30)))
        #expect(definitions.sensor("fast")?.kind
            == .poll(command: .argv(["./poll"]), minimumInterval: .milliseconds(500)))
        #expect(definitions.sensor("fast")?.status == .running)
        #expect(definitions.sensor("default_interval")?.kind
            == .poll(command: .shell("./poll"), minimumInterval: .seconds(30)))
        #expect(definitions.sensor("webhook")?.kind == .push())
        #expect(definitions.sensor("webhook")?.status == .stopped)
        #expect(definitions.sensor("webhook")?.tags == ["source": "hook"])
        #expect(definitions.sensor("downstream")?.kind == .asset(watch: ["raw_orders"]))
        #expect(definitions.sensor("many")?.kind == .asset(watch: ["raw_orders", "clean_orders"]))
        #expect(definitions.summary.sensors == 6)
    }

    @Test("settings of another kind of sensor are refused with the kind that takes them")
    func kindSpecificKeys() {
        #expect(WorkspaceYAML.report(Self.assets + """
            sensors:
              a: {kind: push, target: raw_orders, min_interval: 10s}
              b: {kind: asset, target: raw_orders, watch: raw_ordrs, min_interval: 10s}
              c: {kind: poll, target: raw_orders, watch: raw_orders}
              d: {kind: webhook, target: raw_orders}
              e: {kind: asset, target: raw_orders}
            """) == [
            "arco.yaml:6:39: unknown key 'min_interval' in sensor 'a'; 'min_interval' applies only to "
                + "poll sensors",
            "arco.yaml:7:47: unknown asset 'raw_ordrs' in 'watch' of sensor 'b'; did you mean "
                + "'raw_orders'?",
            "arco.yaml:7:58: unknown key 'min_interval' in sensor 'b'; 'min_interval' applies "
                + "only to poll sensors",
            "arco.yaml:8:6: sensor 'c' needs 'command' or 'argv'; 'command' runs through /bin/sh "
                + "-c; 'argv' runs a program without a shell",
            "arco.yaml:8:39: unknown key 'watch' in sensor 'c'; 'watch' applies only to asset "
                + "sensors",
            "arco.yaml:9:13: unknown value 'webhook' for 'kind' of sensor 'd'; use one of poll, "
                + "push, asset",
            "arco.yaml:10:6: missing required key 'watch' in sensor 'e'",
        ])
    }
}
