import ArcoCore
import ArcoEngine
import Testing

@Suite("Workspace assets")
struct WorkspaceAssetsTests {
    @Test("decodes every asset setting")
    func decodesEverySetting() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              daily: {type: daily, start: 2024-01-01}
            assets:
              raw_orders:
                command: ./steps/extract.sh
                partitions: daily
                code_version: "3"
                retries: {max: 3, delay: 10s, backoff: exponential, jitter: 0.2}
                timeout: 30m
                env: {SOURCE_URL: "file:///data/orders", COUNT: 3}
                env_file: .env
                cwd: steps/
                tags: {team: data}
                group: ingest
                freshness: {max_lag: 26h, cron: "0 9 * * *", timezone: Europe/Berlin}
                backfill_policy: single_run
            """)
        let asset = try #require(definitions.asset("raw_orders"))
        #expect(asset.command == .shell("./steps/extract.sh"))
        #expect(asset.partitions == "daily")
        #expect(asset.codeVersion == "3")
        #expect(asset.retries == RetryPolicy(maxRetries: 3, delay: .seconds(10),
            backoff: .exponential, jitter: 0.2))
        #expect(asset.timeout == .seconds(1800))
        #expect(asset.environment == ["SOURCE_URL": "file:///data/orders", "COUNT": "3"])
        #expect(asset.environmentFile == ".env")
        #expect(asset.workingDirectory == "steps/")
        #expect(asset.tags == ["team": "data"])
        #expect(asset.group == "ingest")
        #expect(asset.freshness?.maxLag == .seconds(26 * 3600))
        #expect(asset.freshness?.cron?.text == "0 9 * * *")
        #expect(asset.freshness?.timezone == "Europe/Berlin")
        #expect(asset.backfillPolicy == .singleRun)
    }

    @Test("an asset without optional settings gets Dagster's defaults")
    func defaults() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            assets:
              clean: {argv: [python3, clean.py]}
            """)
        let asset = try #require(definitions.asset("clean"))
        #expect(asset == AssetDefinition(key: "clean", command: .argv(["python3", "clean.py"])))
        #expect(asset.group == "default")
        #expect(asset.retries == .none)
        #expect(asset.backfillPolicy == .multiRun(maxPartitionsPerRun: 1))
    }

    @Test("retries and backfill policies have short forms")
    func shortForms() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            assets:
              a: {command: x, retries: 2, backfill_policy: multi_run}
              b: {command: x, backfill_policy: {max_partitions_per_run: 10}}
            """)
        #expect(definitions.asset("a")?.retries == RetryPolicy(maxRetries: 2))
        #expect(definitions.asset("a")?.backfillPolicy == .multiRun(maxPartitionsPerRun: 1))
        #expect(definitions.asset("b")?.backfillPolicy == .multiRun(maxPartitionsPerRun: 10))
    }

    @Test("assets keep file order and are found by key, including path-like keys")
    func orderAndLookup() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            assets:
              zeta: {command: z}
              warehouse/orders: {command: w, deps: [zeta]}
              alpha: {command: a}
            """)
        #expect(definitions.assets.map(\.key) == ["zeta", "warehouse/orders", "alpha"])
        #expect(definitions.asset("warehouse/orders")?.key.path == ["warehouse", "orders"])
        #expect(definitions.asset("nope") == nil)
        #expect(definitions.assetOrder == ["alpha", "zeta", "warehouse/orders"])
        #expect(definitions.locations.assets["alpha"] == WorkspaceYAML.at(5, 3))
    }

    @Test("dependencies accept a list, a mapping, and a list mixing names and mappings")
    func dependencyForms() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              daily: {type: daily, start: 2024-01-01}
            assets:
              a: {command: x, partitions: daily}
              b: {command: x, partitions: daily}
              c:
                command: x
                partitions: daily
                deps: [a, {b: {mapping: time_window, start_offset: -1}}]
              d:
                command: x
                partitions: daily
                deps:
                  a:
                  b: last
                  c: {mapping: identity}
            """)
        #expect(definitions.asset("c")?.dependencies == [
            AssetDependency(asset: "a"),
            AssetDependency(asset: "b", mapping: .timeWindow(startOffset: -1, endOffset: 0)),
        ])
        #expect(definitions.asset("d")?.dependencies == [
            AssetDependency(asset: "a"), AssetDependency(asset: "b", mapping: .last),
            AssetDependency(asset: "c", mapping: .identity),
        ])
    }

    @Test("reports command, argv and name problems")
    func commandProblems() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              both: {command: x, argv: [y]}
              neither: {group: g}
              empty_argv: {argv: []}
              9lives: {command: x}
              bad-name: {command: x}
            """) == [
            "arco.yaml:3:22: asset 'both' sets both 'command' and 'argv'; keep one of them",
            "arco.yaml:4:12: asset 'neither' needs 'command' or 'argv'; 'command' runs through "
                + "/bin/sh -c; 'argv' runs a program without a shell",
            "arco.yaml:5:22: 'argv' of asset 'empty_argv' must start with a program",
            "arco.yaml:6:3: invalid asset name '9lives'; use letters, digits and '_', not starting "
                + "with a digit, with '/' between segments",
            "arco.yaml:7:3: invalid asset name 'bad-name'; use letters, digits and '_', not "
                + "starting with a digit, with '/' between segments",
        ])
    }

    @Test("unknown keys get a did-you-mean or the list of valid keys")
    func unknownKeys() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              raw:
                comand: ./x.sh
                argv: [x]
                flavour: vanilla
            """) == [
            "arco.yaml:4:5: unknown key 'comand' in asset 'raw'; did you mean 'command'?",
            "arco.yaml:6:5: unknown key 'flavour' in asset 'raw'; valid keys: argv, "
                + "backfill_policy, code_version, command, cwd, deps, env, env_file, freshness, "
                + "group, log_max, partitions, retries, tags, timeout",
        ])
    }

    @Test("environment names must be identifiers and ARCO_ names are reserved")
    func environmentRules() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              raw:
                command: x
                env: {ARCO_RUN_ID: x, arco_asset: y, 1BAD: z, OK: ~}
            """) == [
            "arco.yaml:5:11: environment variable 'ARCO_RUN_ID' in 'env' of asset 'raw' is "
                + "reserved; names starting with 'ARCO_' are set by arco for every step",
            "arco.yaml:5:27: environment variable 'arco_asset' in 'env' of asset 'raw' is "
                + "reserved; names starting with 'ARCO_' are set by arco for every step",
            "arco.yaml:5:42: invalid environment variable name '1BAD' in 'env' of asset 'raw'; "
                + "use letters, digits and '_', not starting with a digit",
            "arco.yaml:5:55: missing value for 'OK' of 'env' of asset 'raw'",
        ])
    }

    @Test("durations need units and positive values where zero is meaningless")
    func durationProblems() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              raw:
                command: x
                timeout: 30
                retries: {max: 1, delay: 0s}
                freshness: {max_lag: 0s}
              other:
                command: x
                timeout: 1.5h
            """) == [
            "arco.yaml:5:14: duration '30' has no unit for 'timeout' of asset 'raw'; add a unit, "
                + "e.g. '30s' or '30m'",
            "arco.yaml:7:26: 'max_lag' of 'freshness' of asset 'raw' must be longer than zero",
            "arco.yaml:10:14: invalid duration '1.5h' for 'timeout' of asset 'other'; use whole "
                + "numbers with units d, h, m, s or ms, e.g. '30s', '10m', '1h30m'",
        ])
    }

    @Test("retries, backfill policies and freshness are range- and type-checked")
    func policyProblems() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              raw:
                command: x
                retries: {max: -1, backoff: expo, jitter: 1.5, dealy: 1s}
                backfill_policy: {max_partitions_per_run: 0}
                freshness: {cron: "0 9 * * *"}
                group: "my group"
            """) == [
            "arco.yaml:5:20: 'max' of 'retries' of asset 'raw' must be at least 0, found -1",
            "arco.yaml:5:33: unknown value 'expo' for 'backoff' of 'retries' of asset 'raw'; "
                + "did you mean 'exponential'?",
            "arco.yaml:5:47: expected a number from 0 to 1 for 'jitter' of 'retries' of asset "
                + "'raw', found '1.5'",
            "arco.yaml:5:52: unknown key 'dealy' in 'retries' of asset 'raw'; did you mean "
                + "'delay'?",
            "arco.yaml:6:47: 'max_partitions_per_run' of 'backfill_policy' of asset 'raw' must be "
                + "from 1 to 1000000, found 0",
            "arco.yaml:7:16: missing required key 'max_lag' in 'freshness' of asset 'raw'",
            "arco.yaml:8:12: invalid group name 'my group'; use letters, digits and '_', not "
                + "starting with a digit",
        ])
    }

    @Test("dependency lists are checked for shape and duplicates")
    func dependencyShapeProblems() {
        #expect(WorkspaceYAML.report("""
            version: 1
            assets:
              a: {command: x}
              b: {command: x, deps: a}
              c: {command: x, deps: [a, a, [a]]}
              d: {command: x, deps: {a: {mapping: sideways}}}
              e: {command: x, deps: {a: {mapping: static}}}
              f: {command: x, deps: {a: {mapping: all, start_offset: 1}}}
            """) == [
            "arco.yaml:4:25: expected a list or a mapping for 'deps' of asset 'b', found 'a'; "
                + "write deps: [a]",
            "arco.yaml:5:29: duplicate dependency 'a' in deps of 'c'",
            "arco.yaml:5:32: expected an asset name or a one-key mapping for 'deps' of asset 'c', "
                + "found a list",
            "arco.yaml:6:39: unknown value 'sideways' for 'mapping' of dependency 'a' of asset "
                + "'d'; use one of identity, all, last, time_window, static, multi_to_single, specific",
            "arco.yaml:7:29: missing required key 'key_map' in dependency 'a' of asset 'e'",
            "arco.yaml:8:44: unknown key 'start_offset' in dependency 'a' of asset 'f'; "
                + "valid keys: mapping",
        ])
    }
}
