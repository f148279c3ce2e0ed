import Foundation
print("churn")
