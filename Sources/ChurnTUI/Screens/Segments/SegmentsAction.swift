/// What can happen on the Segments tab: driver segments, saved and discovered segments, the segment builder and comparison.
public enum SegmentsAction: Sendable, Equatable {
}
