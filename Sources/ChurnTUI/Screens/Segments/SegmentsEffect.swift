/// Work outside the state that the Segments tab asks for (carried out by `EffectRunner.performSegments`).
public enum SegmentsEffect: Sendable, Equatable {
    /// Per-customer contributions and driver segments, in the background.
    case loadDrivers
    /// k-means clusters of at-risk customers, in the background.
    case discover
    /// The saved segments of the workspace.
    case loadSaved
    /// Save a segment in the workspace.
    case save(name: String, expression: String)
    /// Compare two segments side by side, in the background.
    case compare(SegmentCard, SegmentCard)
    /// Write a segment's members to CSV (the same export as the High-risk table).
    case export(CustomerExportRequest)
}
