"""What one step of the generator hands to the next: the rows' keys by their generated index."""

from dataclasses import dataclass, field

from .scales import Scale


@dataclass
class World:
    scale: Scale
    seed: int
    password_hash: str = ""
    # Pure plans, computed once (bench.generate.people / orders / tickets).
    customer_profiles: list = field(default_factory=list)  # index 0 is the well-known customer
    agent_names: list = field(default_factory=list)  # per department; [0][0] is the well-known agent
    ticket_seeds: list = field(default_factory=list)
    order_seeds: list = field(default_factory=list)
    # Keys given by the database.
    admin_pk: int | None = None
    lead: tuple = ()  # (pk, name)
    departments: list = field(default_factory=list)  # Department objects, in vocabulary order
    support_categories: list = field(default_factory=list)  # per department: Category pks
    agents: list = field(default_factory=list)  # per department: [(pk, name)]
    customers: list = field(default_factory=list)  # pks, by customer index
    partner: object = None
    products: list = field(default_factory=list)  # ProductRow, by product index
    orders: list = field(default_factory=list)  # pks, by order index
    tickets: list = field(default_factory=list)  # pks, by ticket index

    @property
    def all_agents(self) -> list:
        return [agent for agents in self.agents for agent in agents]
