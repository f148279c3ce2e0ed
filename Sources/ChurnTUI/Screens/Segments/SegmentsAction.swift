import ChurnKit

/// What can happen on the Segments tab: driver segments, saved and discovered segments, the segment builder and comparison.
public enum SegmentsAction: Sendable, Equatable {
    /// Enter: the members of the selected card, or the customer under the cursor in the member list.
    case open
    /// Start typing a new segment's filter expression.
    case build
    /// Pick the selected card for a side-by-side comparison (the second pick compares).
    case compare
    /// Export the selected segment's members to CSV.
    case export

    // Results of background work.
    case driversLoaded(Shared<SegmentsWork.Drivers>)
    case driversFailed(String)
    case clustersLoaded(Shared<[DiscoveredSegment]>)
    case clustersFailed(String)
    case savedLoaded([SavedSegment])
    case savedFailed(String)
    case segmentSaved(SavedSegment)
    case saveFailed(String)
    case compared(Shared<SegmentComparison>)
}
