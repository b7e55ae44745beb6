"""The words the generated rows are made of, so that text search meets realistic hit rates.

- Common words (``parcel``, ``refund``, ``order``, ``delivery``) come from the problem phrases and
  match a few percent of tickets each; a product noun (``hoodie``, ``kettle``) about one percent.
- Town names in descriptions match a fraction of a percent.
- Rare words are made-up brand names (``rare_words``): each is used in a handful of tickets
  whatever the scale.
"""

import random

FIRST_NAMES = (
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Emily Ella Poppy Evie Charlotte "
    "Harper Sienna Noah Oliver George Arthur Muna Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie "
    "Theo Alfie Jacob Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy Priya Aisha Mohammed Yusuf Wei "
    "Chen Ana Sofia Mateo Lukas Anya Kofi Amara Tariq Niamh Ciaran Eilidh Callum Rhys Seren"
).split()
LAST_NAMES = (
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker White "
    "Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward Hughes Moore "
    "Clark King Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James Bennett Young Phillips "
    "Richardson Mitchell Bailey Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Hussain "
    "Marshall Simpson Price Anderson Adams Wilkinson Ali Ahmed Foster Ellis Murphy Chapman Mason Gray Richards "
    "Webb Griffiths Hunt Palmer Campbell Holmes Mills Rogers Barnes Knight Matthews Barker Powell Stevens"
).split()
# (town, postcode area)
TOWNS = [
    ("London", "SE1"), ("Bristol", "BS1"), ("Leeds", "LS1"), ("Manchester", "M1"), ("Birmingham", "B1"),
    ("Glasgow", "G1"), ("Edinburgh", "EH1"), ("Cardiff", "CF10"), ("Belfast", "BT1"), ("Liverpool", "L1"),
    ("Sheffield", "S1"), ("Nottingham", "NG1"), ("Leicester", "LE1"), ("Brighton", "BN1"), ("Oxford", "OX1"),
    ("Cambridge", "CB1"), ("York", "YO1"), ("Norwich", "NR1"), ("Exeter", "EX1"), ("Plymouth", "PL1"),
    ("Southampton", "SO14"), ("Reading", "RG1"), ("Bath", "BA1"), ("Aberdeen", "AB10"), ("Dundee", "DD1"),
    ("Inverness", "IV1"), ("Swansea", "SA1"), ("Newcastle", "NE1"), ("Durham", "DH1"), ("Carlisle", "CA1"),
    ("Lincoln", "LN1"), ("Derby", "DE1"), ("Coventry", "CV1"), ("Worcester", "WR1"), ("Gloucester", "GL1"),
    ("Canterbury", "CT1"), ("Ipswich", "IP1"), ("Truro", "TR1"), ("Harrogate", "HG1"), ("Stirling", "FK8"),
]
STREETS = (
    "High Street|Station Road|Church Lane|Mill Lane|Victoria Road|Park Avenue|Green Lane|Manor Road|Kings Road|"
    "Queen Street|The Crescent|Orchard Way|Chapel Street|North Road|Meadow Close|London Road|Castle Street|"
    "Bridge Street|Springfield Road|West End"
).split("|")

# The catalogue: root category -> children as (plural, singular); the singular is the product noun.
CATALOGUE_TREE = {
    "Clothing": [("T-shirts", "T-shirt"), ("Hoodies", "Hoodie"), ("Jackets", "Jacket"), ("Jumpers", "Jumper"),
                 ("Shirts", "Shirt"), ("Trousers", "Trousers"), ("Socks", "Socks"), ("Pyjamas", "Pyjamas")],
    "Footwear": [("Trainers", "Trainers"), ("Boots", "Boots"), ("Sandals", "Sandals"), ("Slippers", "Slippers"),
                 ("Wellies", "Wellies"), ("Running shoes", "Running Shoes"), ("Loafers", "Loafers"),
                 ("Insoles", "Insoles")],
    "Kitchen": [("Mugs", "Mug"), ("Kettles", "Kettle"), ("Toasters", "Toaster"), ("Pans", "Frying Pan"),
                ("Knives", "Chef's Knife"), ("Blenders", "Blender"), ("Teapots", "Teapot"),
                ("Chopping boards", "Chopping Board")],
    "Home": [("Lamps", "Lamp"), ("Cushions", "Cushion"), ("Rugs", "Rug"), ("Curtains", "Curtains"),
             ("Candles", "Candle"), ("Clocks", "Wall Clock"), ("Mirrors", "Mirror"), ("Throws", "Throw")],
    "Garden": [("Planters", "Planter"), ("Hoses", "Garden Hose"), ("Tools", "Trowel"), ("Bird feeders", "Bird Feeder"),
               ("Garden lights", "Solar Light"), ("Seeds", "Seed Kit"), ("Furniture", "Bench"), ("Barbecues", "Barbecue")],
    "Electronics": [("Headphones", "Headphones"), ("Speakers", "Speaker"), ("Chargers", "Charger"),
                    ("Cables", "Cable"), ("Power banks", "Power Bank"), ("Smart plugs", "Smart Plug"),
                    ("Keyboards", "Keyboard"), ("Webcams", "Webcam")],
    "Books": [("Cookery", "Cookbook"), ("Travel", "Travel Guide"), ("Fiction", "Novel"), ("Gardening", "Garden Guide"),
              ("History", "History Book"), ("Children's books", "Picture Book"), ("Science", "Science Book"),
              ("Puzzles", "Puzzle Book")],
    "Stationery": [("Notebooks", "Notebook"), ("Pens", "Fountain Pen"), ("Planners", "Planner"),
                   ("Envelopes", "Envelopes"), ("Art supplies", "Sketchbook"), ("Desk tidies", "Desk Tidy"),
                   ("Cards", "Greeting Card"), ("Wrapping paper", "Wrapping Paper")],
    "Sports": [("Yoga", "Yoga Mat"), ("Cycling", "Bike Light"), ("Running", "Running Belt"), ("Swimming", "Swim Goggles"),
               ("Camping", "Tent"), ("Climbing", "Chalk Bag"), ("Fitness", "Kettlebell"), ("Water bottles", "Water Bottle")],
    "Toys": [("Puzzles", "Jigsaw"), ("Board games", "Board Game"), ("Building sets", "Building Set"),
             ("Soft toys", "Teddy Bear"), ("Craft kits", "Craft Kit"), ("Outdoor toys", "Kite"),
             ("Wooden toys", "Wooden Train"), ("Science kits", "Science Kit")],
    "Beauty": [("Soaps", "Soap"), ("Shampoo", "Shampoo"), ("Skincare", "Face Cream"), ("Fragrance", "Perfume"),
               ("Bath", "Bath Salts"), ("Hair accessories", "Hair Brush"), ("Shaving", "Razor"), ("Gift sets", "Gift Set")],
    "Pets": [("Dog beds", "Dog Bed"), ("Leads", "Dog Lead"), ("Cat toys", "Cat Toy"), ("Bowls", "Pet Bowl"),
             ("Grooming", "Grooming Brush"), ("Treats", "Dog Treats"), ("Carriers", "Pet Carrier"),
             ("Scratching posts", "Scratching Post")],
}
GRANDCHILD_PATTERNS = ["Everyday {plural}", "Premium {plural}", "Eco {plural}", "Kids' {plural}",
                       "{singular} gift sets", "{singular} bundles", "Sale {plural}", "Limited edition {plural}"]
PRICE_BANDS = {"Clothing": (12, 90), "Footwear": (20, 140), "Kitchen": (6, 120), "Home": (8, 160), "Garden": (4, 300),
               "Electronics": (8, 250), "Books": (6, 35), "Stationery": (2, 45), "Sports": (5, 220), "Toys": (5, 80),
               "Beauty": (4, 70), "Pets": (3, 90)}
SERIES = (
    "Alder Ash Aspen Beacon Birch Bramble Brook Cedar Cliff Clover Coast Cove Dale Ember Fern Field Fjord Glen "
    "Harbour Hazel Heath Holly Juniper Lark Linden Maple Meadow Moor Oak Orchard Pebble Pine Quarry Rowan Sage "
    "Shore Slate Sorrel Summit Thistle Tide Willow Wren"
).split()
ADJECTIVES = (
    "Classic Organic Recycled Compact Deluxe Essential Heritage Lightweight Modern Natural Rugged Slim Soft "
    "Sturdy Travel Vintage Waterproof Wireless Cosy Everyday Handmade Insulated Foldable Premium Quiet Bright "
    "Mini Large Eco Smart"
).split()
FEATURES = [
    "Made to last and easy to look after.", "Designed in Bristol and made in small batches.",
    "Comes in recyclable packaging.", "Backed by our two-year guarantee.", "A customer favourite for gifting.",
    "Tested by our team for a full season.", "Easy to clean and quick to dry.", "Plastic-free and fully recyclable.",
]

# Support: department -> (weight, auto-assign, categories). Names match load_demo_data where they overlap.
DEPARTMENTS = [
    ("Orders & delivery", 30, True, ["Delivery", "Missing items", "Damaged item", "Change of address"]),
    ("Returns & refunds", 22, False, ["Returns", "Refunds", "Exchanges"]),
    ("Billing", 14, False, ["Invoices", "Payments", "Discount codes"]),
    ("Technical support", 16, False, ["Product setup", "Product fault", "Warranty"]),
    ("Accounts", 10, False, ["Account & login", "Privacy & data"]),
    ("Customer service", 8, False, ["General enquiry", "Feedback"]),
]
# department -> (titles, titles that name an order, problem details, agent replies, resolutions)
SUPPORT_TEXT = {
    "Orders & delivery": (
        ["Parcel has not arrived", "{noun} not delivered", "Tracking not updating", "Parcel delivered to the wrong address",
         "Late delivery of my {noun}", "Item missing from my parcel", "{noun} arrived damaged", "Courier left parcel outside"],
        ["Where is order {order}?", "Order {order} has not arrived", "Order {order} arrived damaged",
         "Missing item in order {order}", "Change delivery address for order {order}"],
        ["The tracking has not moved for four days.", "The courier says delivered but there is no parcel.",
         "The box was crushed and the {noun} inside is broken.", "Only one of the two items came in the parcel.",
         "I need the delivery to go to my work address instead.", "The parcel was left in the rain by the door."],
        ["I have asked the courier to trace your parcel.", "Sorry about that, we are sending a replacement today.",
         "Could you send a photo of the damage and the box?", "I have updated the delivery address with the courier."],
        ["The courier found the parcel and delivered it.", "Sent a replacement by express delivery.",
         "Refunded the missing item.", "Delivery address changed before dispatch."],
    ),
    "Returns & refunds": (
        ["Refund not received", "How do I return my {noun}?", "Return label not working", "Refund for a returned {noun}",
         "Exchange {noun} for another size", "Partial refund question"],
        ["Refund for order {order}", "Return items from order {order}", "Exchange an item from order {order}"],
        ["I sent the {noun} back two weeks ago and have had no refund yet.", "The return label link says it has expired.",
         "The {noun} is too small, can I swap it for a larger one?", "I was refunded less than I paid."],
        ["The return reached us yesterday; the refund is on its way.", "I have emailed you a new prepaid return label.",
         "Your exchange has been arranged, the new item ships today.", "The difference was the delivery charge; I have refunded it."],
        ["Refund issued to the original card.", "New return label sent; return received.", "Exchanged and shipped.",
         "Refunded the delivery charge."],
    ),
    "Billing": (
        ["Charged twice", "Invoice needs my company name", "Discount code not accepted", "Bank transfer not matched",
         "VAT receipt for my {noun}", "Payment declined at checkout"],
        ["Invoice for order {order}", "Charged twice for order {order}", "Payment for order {order} not showing"],
        ["My card statement shows two payments for the same order.", "I need a VAT invoice with my company address.",
         "The code from your newsletter says it is not valid.", "I paid by bank transfer three days ago."],
        ["One of the payments is a pre-authorisation and will drop off.", "Here is the reissued invoice.",
         "I have applied the discount to your order manually.", "We have found your payment and matched it."],
        ["Second charge was a pre-authorisation; released.", "Reissued the invoice with company details.",
         "Discount applied and the difference refunded.", "Payment matched; the order is now processing."],
    ),
    "Technical support": (
        ["{noun} stopped working", "How do I set up my {noun}?", "{noun} makes a strange noise", "Warranty claim for {noun}",
         "{noun} will not charge", "Missing parts for my {noun}", "Instructions unclear for {noun}"],
        ["Faulty {noun} from order {order}", "Warranty claim for order {order}"],
        ["It worked for a week and now does nothing at all.", "The instructions in the box are for a different model.",
         "There is a rattling sound when it is switched on.", "The light flashes red and it never charges."],
        ["Could you try a different socket and cable first?", "Here is the setup guide for your model.",
         "That sounds like a fault; we will replace it.", "Please send a short video so we can check."],
        ["Sent a replacement unit.", "Customer fixed it with the updated guide.", "Replaced under warranty.",
         "Sent the missing parts."],
    ),
    "Accounts": (
        ["Cannot log in", "Password reset email not arriving", "Change my email address", "Delete my account",
         "Two accounts with the same email", "Update my marketing preferences"],
        ["Order {order} missing from my account"],
        ["The login page says my password is wrong even after a reset.", "I never get the reset email, not even in spam.",
         "Please remove all my data from your systems.", "I changed my email and now cannot find my orders."],
        ["I have reset your password; the link is valid for three days.", "I have merged your two accounts.",
         "Your account deletion is booked for the end of the week.", "Your email address is updated."],
        ["Password reset and login confirmed.", "Merged the accounts.", "Account deleted as requested.",
         "Email address updated."],
    ),
    "Customer service": (
        ["Question about the {noun}", "Feedback on my order", "Do you ship abroad?", "Gift wrapping for a {noun}",
         "When is the {noun} back in stock?", "Compliment for the team"],
        ["Question about order {order}"],
        ["I would like to know more before I buy.", "Just wanted to say the packaging was lovely.",
         "Can you add a gift note to the parcel?", "The {noun} has been out of stock for weeks."],
        ["Thank you for the kind words, I have passed them on.", "Yes, we can add a gift note.",
         "We expect new stock at the end of the month.", "We currently ship to the UK only."],
        ["Answered the question.", "Gift note added.", "Customer told about restock date.", "Passed the feedback on."],
    ),
}
CUSTOMER_FOLLOW_UPS = [
    "Any news on this?", "Thanks, here is the photo you asked for.", "Still waiting, could you check again?",
    "I have tried that and it did not help.", "The order number is on the packing slip, see above.",
    "That works for me, thank you.", "Could you call me instead? Email is slow for me.",
]
CUSTOMER_ANSWERS = [
    "Yes, the address is correct.", "Photo attached now.", "It is the larger model, bought last month.",
    "I tried another socket, same problem.", "The reference on the label is underneath.", "Thanks, that is fine.",
]
AGENT_QUESTIONS = [
    "Could you send a photo of the item and the label?", "Can you confirm the delivery address for me?",
    "Which size would you like instead?", "Could you tell me the serial number underneath?",
    "Have you tried the reset steps in the guide?",
]
AGENT_FOLLOW_UPS = [
    "Thanks, I am looking into this now.", "I have chased this with the team.", "Sorry for the wait, still on it.",
    "I have escalated this to our warehouse.",
]
INTERNAL_NOTES = [
    "Checked the order: paid and dispatched on time.", "Regular customer, be generous with this one.",
    "Asked the warehouse to check stock before promising a replacement.", "Similar report last week from the same area.",
    "Courier claim opened, reference in the order notes.", "Possible fraud pattern, checked and fine.",
]
CLOSE_NOTES = ["Duplicate of another ticket", "Spam", "Sent to the wrong team", "Customer sorted it themselves"]
RATING_COMMENTS = {5: "Quick and friendly, thank you!", 4: "Sorted, thanks.", 3: "", 2: "Took a while.",
                   1: "Not happy with how long this took."}

TASK_TITLES = [
    "Call back the customer about the {noun}", "Chase the courier about a lost parcel", "Restock the {noun} shelf",
    "Check stock levels of {noun}", "Update the help article on {topic}", "Review refunds waiting over a week",
    "Weekly check of unanswered tickets", "Order new packaging for {noun}", "Photograph the new {noun} range",
    "Fix the product description of the {noun}", "Reply to the {topic} complaints", "Audit the {topic} macros",
    "Send the replacement {noun}", "Prepare the monthly {topic} report", "Test the new {noun} supplier samples",
]
TASK_TOPICS = ["returns", "delivery", "billing", "warranty", "accounts", "discount codes", "gift wrapping", "privacy"]
TASK_COMMENTS = [
    "Thanks for picking this up; shout if you need a hand.", "Waiting to hear back from the supplier.",
    "Done the first half, finishing tomorrow.", "Can we push this to next week?", "Spoke to the warehouse, all clear.",
]
TASK_CHECKLIST = ["Check the order", "Call the customer", "Update the ticket", "Ask the warehouse", "Order the part",
                  "Write the summary"]
BLOCKED_REASONS = ["Waiting for the supplier's quote", "Waiting for the courier", "Needs a decision from the lead"]
LABELS = ["follow-up", "billing", "docs", "warehouse", "routine", "reports", "courier", "supplier", "urgent-customer",
          "website"]

_SYLLABLES = "ka ze lo vi ra mu to ne shi por dan vel quor bri syl tam rex ol ix ur an ev yn ost".split()


def rare_words(count: int, rng: random.Random) -> list[str]:
    """Made-up brand names; none is a substring of the vocabulary above."""
    words, seen = [], set()
    while len(words) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
        if len(word) >= 6 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def product_nouns() -> list[str]:
    return [singular for children in CATALOGUE_TREE.values() for _, singular in children]
