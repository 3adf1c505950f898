import ArcoStore

/// How the store conformance suite gets stores of one kind.
public struct StoreFactory: Sendable {
    /// Names the store in messages.
    public var name: String
    /// Makes a fresh, empty store.
    public var fresh: @Sendable () throws -> StoreUnderTest

    /// Creates a factory.
    public init(name: String, fresh: @escaping @Sendable () throws -> StoreUnderTest) {
        self.name = name
        self.fresh = fresh
    }
}

/// A fresh store, and how to open more instances of it: each with a connection of its own, as
/// another process would open it.
public final class StoreUnderTest: @unchecked Sendable {
    /// The first instance.
    public let store: any WorkspaceStore
    private let opener: (LeaseFence?) throws -> any WorkspaceStore
    /// Whatever must live as long as the store (a temporary folder's owner).
    private let owner: AnyObject?

    /// - Parameters:
    ///   - open: opens another instance of the same store, with `fence` in its options.
    ///   - owner: kept alive with the store.
    public init(store: any WorkspaceStore, owner: AnyObject? = nil, open: @escaping (LeaseFence?) throws -> any WorkspaceStore) {
        self.store = store
        self.owner = owner
        self.opener = open
    }

    /// Another instance of the same store.
    public func open(fence: LeaseFence? = nil) throws -> any WorkspaceStore { try opener(fence) }

    /// Marks where the store may go: a check calls it in a `defer`, because the owner (a
    /// temporary folder) would otherwise be released after the subject's last use, which may come
    /// before the store's.
    public func keepAlive() { withExtendedLifetime(owner) {} }
}
