"""The sizes of the generated data sets and the fixed moment they are built around."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# Every generated moment is counted back from here, never from now(): the same scale and seed
# give the same rows on every machine and every day.
BASE_TIME = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
# How far back tickets, tasks and orders go.
HISTORY = timedelta(days=730)

BENCH_PASSWORD = "bench"
BENCH_ADMIN = "bench-admin@example.com"
BENCH_LEAD = "bench-lead@example.com"
BENCH_AGENT = "bench-agent@example.com"
BENCH_CUSTOMER = "bench-customer@example.com"
BENCH_ACCOUNTS = [BENCH_ADMIN, BENCH_LEAD, BENCH_AGENT, BENCH_CUSTOMER]


@dataclass(frozen=True)
class Scale:
    name: str
    tickets: int
    tasks: int
    products: int
    # The catalogue tree: root categories, children per root, grandchildren per child.
    category_shape: tuple[int, int, int]
    agents_per_department: int
    # How many tickets and orders the well-known customer gets.
    bench_customer_items: int = 20

    @property
    def customers(self) -> int:
        return max(5, self.tickets // 10)

    @property
    def orders(self) -> int:
        return max(10, self.tickets // 3)

    @property
    def category_count(self) -> int:
        roots, children, grandchildren = self.category_shape
        return roots + roots * children + roots * children * grandchildren


SCALES = {
    # Hidden from --help: for the tests.
    "tiny": Scale("tiny", tickets=30, tasks=20, products=10, category_shape=(2, 2, 0), agents_per_department=1,
                  bench_customer_items=8),
    "small": Scale("small", tickets=1_000, tasks=1_000, products=200, category_shape=(6, 4, 0),
                   agents_per_department=2),
    "medium": Scale("medium", tickets=50_000, tasks=20_000, products=2_000, category_shape=(10, 6, 3),
                    agents_per_department=3),
    "large": Scale("large", tickets=300_000, tasks=100_000, products=10_000, category_shape=(12, 8, 8),
                   agents_per_department=4),
}
PUBLIC_SCALES = ["small", "medium", "large"]
