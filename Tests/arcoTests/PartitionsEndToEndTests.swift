import ArcoCore
import Foundation
import Testing

/// `arco partitions list|add|remove` on the real binary.
@Suite struct PartitionsEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          customers: { type: dynamic }
          region: { type: static, keys: [us, eu] }
          by_customer_region: { type: multi, dimensions: { region: region, customer: customers } }
          daily: { type: daily, start: 2024-01-01 }
          day_region: { type: multi, dimensions: { date: daily, region: region } }
        assets:
          a: { command: "echo hi", partitions: customers }

        """

    @Test("add is idempotent, keys with shell metacharacters are stored as data, remove ignores missing keys")
    func addAndRemove() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        let added = try ArcoBinary.run(["partitions", "add", "customers", "acme", "o'brien; rm -rf /", "--json"], in: folder.path)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == #"{"added":["acme","o'brien; rm -rf /"],"partitions_def":"customers","removed":[],"unchanged":[]}"# + "\n")
        let again = try ArcoBinary.run(["partitions", "add", "customers", "acme", "--json"], in: folder.path)
        #expect(again.stdout.contains(#""unchanged":["acme"]"#))
        let events = try JSONParser.parse(try ArcoBinary.run(["events", "--json"], in: folder.path).stdout)
        #expect(events["events"]?.arrayValue?.count == 1, "a no-op add must record nothing")
        let list = try ArcoBinary.run(["partitions", "list", "customers"], in: folder.path)
        #expect(list.stdout == "acme\no'brien; rm -rf /\n")
        let removed = try ArcoBinary.run(["partitions", "remove", "customers", "acme", "ghost", "--json"], in: folder.path)
        #expect(removed.stdout.contains(#""removed":["acme"]"#))
        #expect(removed.stdout.contains(#""unchanged":["ghost"]"#))
        #expect(try ArcoBinary.run(["partitions", "list", "customers"], in: folder.path).stdout == "o'brien; rm -rf /\n")
    }

    @Test("multi keys are the cartesian product, first dimension by name slowest, joined by |")
    func multiList() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        #expect(try ArcoBinary.run(["partitions", "add", "customers", "c1", "c2"], in: folder.path).status == 0)
        let list = try ArcoBinary.run(["partitions", "list", "by_customer_region", "--json"], in: folder.path)
        #expect(list.stdout == #"{"keys":["c1|us","c1|eu","c2|us","c2|eu"],"partitions_def":"by_customer_region"}"# + "\n")
        let limited = try ArcoBinary.run(["partitions", "list", "region", "--limit", "1"], in: folder.path)
        #expect(limited.stdout == "us\n")
    }

    @Test("show gives existence and the canonical identity; multi keys in either form name the same partition")
    func show() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        #expect(try ArcoBinary.run(["partitions", "add", "customers", "acme"], in: folder.path).status == 0)
        let display = try ArcoBinary.run(["partitions", "show", "by_customer_region", "acme|eu", "--json"], in: folder.path)
        #expect(display.stdout == #"{"canonical":"customer=s:YWNtZQ,region=s:ZXU","end":null,"exists":true,"key":"acme|eu","start":null}"# + "\n")
        let named = try ArcoBinary.run(["partitions", "show", "by_customer_region", "region=eu,customer=acme", "--json"], in: folder.path)
        #expect(named.stdout == display.stdout)
        let missing = try ArcoBinary.run(["partitions", "show", "customers", "ghost", "--json"], in: folder.path)
        #expect(missing.stdout.contains(#""exists":false"#))
        let malformed = try ArcoBinary.run(["partitions", "show", "by_customer_region", "a|b|c"], in: folder.path)
        #expect(malformed.status == 65)
    }

    @Test("invalid keys and wrong definitions exit 65 or 66 and record nothing")
    func invalidInput() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        let separator = try ArcoBinary.run(["partitions", "add", "customers", "ok", "a|b"], in: folder.path)
        #expect(separator.status == 65)
        #expect(separator.stderr.contains("'a|b': '|' is not allowed"))
        let range = try ArcoBinary.run(["partitions", "add", "customers", "a...b"], in: folder.path)
        #expect(range.status == 65)
        let staticDefinition = try ArcoBinary.run(["partitions", "add", "region", "x"], in: folder.path)
        #expect(staticDefinition.status == 65)
        #expect(staticDefinition.stderr.contains("is static, not dynamic"))
        let unknown = try ArcoBinary.run(["partitions", "list", "nope"], in: folder.path)
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("known definitions: customers, region, by_customer_region, daily, day_region"))
        #expect(try ArcoBinary.run(["events", "--json"], in: folder.path).stdout == "{\"events\":[]}\n")
    }

    @Test("time-window keys are the windows ended by --now; --from/--to slice in partition order")
    func timeWindowList() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        let all = try ArcoBinary.run(["partitions", "list", "daily", "--now", "2024-03-01T00:00:00Z"], in: folder.path)
        #expect(all.status == 0, "\(all.stderr)")
        let keys = all.stdout.split(separator: "\n")
        #expect(keys.count == 60)
        #expect(keys.first == "2024-01-01")
        #expect(keys.last == "2024-02-29")
        let slice = try ArcoBinary.run(
            ["partitions", "list", "daily", "--now", "2024-03-01T00:00:00Z", "--from", "2024-02-27", "--to", "2024-02-28", "--json"],
            in: folder.path)
        #expect(slice.stdout == #"{"keys":["2024-02-27","2024-02-28"],"partitions_def":"daily"}"# + "\n")
        let badNow = try ArcoBinary.run(["partitions", "list", "daily", "--now", "yesterday"], in: folder.path)
        #expect(badNow.status == 64)
    }

    @Test("an invalid time-window key exits 65 naming the nearest keys; show gives window and canonical form")
    func timeWindowShow() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml)
        let invalid = try ArcoBinary.run(["partitions", "show", "daily", "2024-02-30", "--now", "2024-06-01T00:00:00Z"], in: folder.path)
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("error: '2024-02-30' is not a partition of 'daily'; nearest: 2024-02-29, 2024-03-01"))
        let shown = try ArcoBinary.run(["partitions", "show", "daily", "2024-02-29", "--now", "2024-06-01T00:00:00Z", "--json"], in: folder.path)
        #expect(shown.stdout == #"{"canonical":"key=d:2024-02-29","end":"2024-03-01T00:00:00+00:00","exists":true,"key":"2024-02-29","start":"2024-02-29T00:00:00+00:00"}"# + "\n")
        let future = try ArcoBinary.run(["partitions", "show", "daily", "2024-07-01", "--now", "2024-06-01T00:00:00Z", "--json"], in: folder.path)
        #expect(future.stdout.contains(#""exists":false"#))
        let multi = try ArcoBinary.run(
            ["partitions", "show", "day_region", "region=eu,date=2024-01-05", "--now", "2024-06-01T00:00:00Z", "--json"],
            in: folder.path)
        #expect(multi.stdout == #"{"canonical":"date=d:2024-01-05,region=s:ZXU","end":"2024-01-06T00:00:00+00:00","exists":true,"key":"2024-01-05|eu","start":"2024-01-05T00:00:00+00:00"}"# + "\n")
    }

    @Test("a repeated fall-back hour has two keys with distinct identities")
    func fallBackHour() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\npartitions:\n  hourly: { type: hourly, start: 2024-11-03, timezone: America/New_York }\n")
        let list = try ArcoBinary.run(
            ["partitions", "list", "hourly", "--now", "2024-11-03T08:00:00Z", "--json"], in: folder.path)
        #expect(list.stdout == #"{"keys":["2024-11-03-00:00","2024-11-03-01:00","2024-11-03-01:00-0500","2024-11-03-02:00"],"partitions_def":"hourly"}"# + "\n")
        let first = try ArcoBinary.run(["partitions", "show", "hourly", "2024-11-03-01:00", "--json"], in: folder.path)
        let second = try ArcoBinary.run(["partitions", "show", "hourly", "2024-11-03-01:00-0500", "--json"], in: folder.path)
        #expect(first.stdout.contains(#""canonical":"key=t:2024-11-03T05:00:00.000000Z""#))
        #expect(second.stdout.contains(#""canonical":"key=t:2024-11-03T06:00:00.000000Z""#))
    }

    @Test("asset show summarises an asset's partitions; an unknown asset exits 66")
    func assetShow() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", Self.yaml.replacingOccurrences(of: "partitions: customers }", with: "partitions: daily }"))
        let shown = try ArcoBinary.run(["asset", "show", "a", "--now", "2024-01-04T00:00:00Z", "--json"], in: folder.path)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == #"{"asset":"a","counts":{"failed":0,"in_progress":0,"materialized":0,"missing":3},"last_materialization":null,"partitions_def":"daily","ranges":[{"count":3,"first":"2024-01-01","last":"2024-01-03","status":"MISSING"}],"total":3}"# + "\n")
        let text = try ArcoBinary.run(["asset", "show", "a", "--now", "2024-01-04T00:00:00Z"], in: folder.path)
        #expect(text.stdout.contains("2024-01-01...2024-01-03  missing (3)"))
        let unknown = try ArcoBinary.run(["asset", "show", "zzz"], in: folder.path)
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("unknown asset 'zzz'"))
    }

    @Test("--from after --to is an error; a static key containing '=' is shown in display form")
    func reviewRegressions() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "arco.yaml",
            "version: 1\npartitions:\n  s: { type: static, keys: [\"k=v\", x] }\n  t: { type: static, keys: [a, b] }\n  m: { type: multi, dimensions: { s: s, t: t } }\n")
        let reversed = try ArcoBinary.run(["partitions", "list", "s", "--from", "x", "--to", "k=v"], in: folder.path)
        #expect(reversed.status == 65)
        #expect(reversed.stderr.contains("comes after"))
        let shown = try ArcoBinary.run(["partitions", "show", "m", "k=v|a", "--json"], in: folder.path)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(#""key":"k=v|a""#))
        let usage = try ArcoBinary.run(["partitions", "list", "s", "--limit", "-1"], in: folder.path)
        #expect(usage.status == 64)
        #expect(usage.stderr == "error: --limit must be 0 or more\nhint: see `arco partitions list --help`\n")
    }
}
