/// A reference to a large immutable value carried by an action (loaded data, a finished result), so
/// that actions stay cheap to copy and compare: two are equal when they hold the same object.
public final class Shared<Value: Sendable>: @unchecked Sendable, Equatable {
    public let value: Value

    public init(_ value: Value) { self.value = value }

    public static func == (a: Shared, b: Shared) -> Bool { a === b }
}
