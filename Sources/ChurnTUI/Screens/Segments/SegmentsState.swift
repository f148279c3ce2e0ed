/// The state of the Segments tab: driver segments, saved and discovered segments, the segment builder and comparison.
public struct SegmentsState: Sendable {
    public init() {}
}
