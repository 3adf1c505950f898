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
        #expect(unknown.stderr.contains("known definitions: customers, region, by_customer_region, daily"))
        #expect(try ArcoBinary.run(["events", "--json"], in: folder.path).stdout == "{\"events\":[]}\n")
    }
}
