import ChurnKit
import Foundation

extension EffectRunner {
    /// Carries out an effect of the Segments tab: contributions, clusters and comparisons in the
    /// background; store reads and writes at once (they are quick).
    func performSegments(_ effect: SegmentsEffect, state: AppState) {
        let queue = self.queue
        switch effect {
        case .loadDrivers:
            guard let analysis = state.analysis else { return }
            background.async {
                do {
                    queue.post(.segments(.driversLoaded(Shared(try SegmentsWork.drivers(analysis)))))
                } catch {
                    queue.post(.segments(.driversFailed(Self.describe(error))))
                }
            }
        case .discover:
            guard let analysis = state.analysis else { return }
            background.async {
                do {
                    queue.post(.segments(.clustersLoaded(Shared(try SegmentsWork.clusters(analysis)))))
                } catch {
                    queue.post(.segments(.clustersFailed(Self.describe(error))))
                }
            }
        case .loadSaved:
            do {
                queue.post(.segments(.savedLoaded(try workspace.segments())))
            } catch {
                queue.post(.segments(.savedFailed(Self.describe(error))))
            }
        case .save(let name, let expression):
            do {
                queue.post(.segments(.segmentSaved(try workspace.saveSegment(name: name, expression: expression))))
            } catch {
                queue.post(.segments(.saveFailed(Self.describe(error))))
            }
        case .compare(let first, let second):
            guard let table = state.analysis?.population.table else { return }
            background.async {
                queue.post(.segments(.compared(Shared(SegmentsWork.compare(first, second, table: table)))))
            }
        case .export(let request):
            guard let customers = state.data?.customers else { return }
            export(request, customers: customers)
        }
    }
}
