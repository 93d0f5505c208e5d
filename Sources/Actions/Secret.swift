/// A secret value (a forge token) that never shows itself when printed, interpolated, logged or dumped.
///
/// `"\(secret)"`, `String(reflecting: secret)` and `dump(secret)` all show `***`. The value is only
/// available through ``reveal()``, so every place that uses it is easy to find.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps `value`.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret value itself. Call it only where the value leaves the process on purpose (an
    /// `Authorization` header, an `::add-mask::` command).
    public func reveal() -> String { value }

    /// Always `***`.
    public var description: String { "***" }

    /// Always `***`.
    public var debugDescription: String { "***" }

    /// A mirror without children, so `dump` and reflection-based printing cannot reach the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
