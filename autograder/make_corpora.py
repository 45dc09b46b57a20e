"""Build the course's own small data sets, deterministically.

    python -m autograder.make_corpora            # writes into this repository
    python -m autograder.make_corpora --out DIR  # writes the same files under DIR (tests compare bytes)

Four data sets, each a training split in ``nlpcourse/corpora/<name>/`` (shipped with the package)
and a held-out split in ``autograder/heldout/`` (kept by the instructor, used by hidden tests):

- ``sms_spam``: short text messages, ``ham`` / ``spam`` (about 20% spam);
- ``news_topics``: short news items in five topics (``sport``, ``business``, ``politics``,
  ``tech``, ``health``), balanced;
- ``ner``: sentences with BIO tags for PER, ORG, LOC and MISC;
- ``movie_reviews`` (held-out only): one-sentence critic snippets, ``pos`` / ``neg``; the training
  data is the 200 Pang & Lee sentences gensim ships (``nlpcourse.data.movie_reviews``).

Every text comes from templates, word lists and sentences written for this course. A template is
a string with ``{slot}`` fillers and ``[a|b|c]`` choices; the held-out split draws on templates
and fillers the training split never sees, so a model has to generalise, not memorise. One seed
per data set (``SEED + index``), sorted pools and no set iteration: running the script twice gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = 20240607

SIZES = {  # (train, held-out)
    "sms_spam": (800, 400),
    "news_topics": (750, 375),
    "ner": (600, 300),
}
SPAM_SHARE = 0.2
HELDOUT_ONLY_TEMPLATES = 0.2  # share of each class's templates that only the held-out split uses
HELDOUT_ONLY_FILLERS = 0.35  # share of each filler list that only the held-out split uses


# ============================================================================ template machinery

CHOICE = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{([a-z_]+?)(\d?)\}")


class Pools:
    """Filler lists for ``{slot}``s, split into a training part and a held-out part.

    A list is split once: a seeded ``HELDOUT_ONLY_FILLERS`` share of its entries is reserved for
    the held-out split, the rest is used by both. Callables (numbers, codes) are not split.
    """

    def __init__(self, rng: random.Random, fillers: dict, keep_shared: tuple = ()):
        self.train, self.heldout = {}, {}
        for name in sorted(fillers):
            value = fillers[name]
            if callable(value) or name in keep_shared or len(value) < 4:
                self.train[name] = self.heldout[name] = value
                continue
            order = list(value)
            rng.shuffle(order)
            cut = max(1, round(len(order) * HELDOUT_ONLY_FILLERS))
            reserved = set(order[:cut])
            self.heldout[name] = list(value)
            self.train[name] = [item for item in value if item not in reserved]

    def get(self, split: str) -> dict:
        return self.train if split == "train" else self.heldout


def resolve_choices(template: str, rng: random.Random) -> str:
    """Replace every ``[a|b]`` choice by one of its options, innermost first."""
    text = template
    while True:
        match = CHOICE.search(text)
        if not match:
            return text
        text = text[: match.start()] + rng.choice(match.group(1).split("|")) + text[match.end():]


def expand(template: str, slots: dict, rng: random.Random) -> str:
    """Fill ``[a|b]`` choices (innermost first), then ``{slot}``/``{slot2}`` fillers.

    Numbered slots of one name (``{team}``, ``{team2}``) get different fillers.
    """
    text = resolve_choices(template, rng)
    used: dict[str, list[str]] = {}

    def fill(match: re.Match) -> str:
        name = match.group(1)
        source = slots[name]
        for _ in range(50):
            value = source(rng) if callable(source) else rng.choice(source)
            value = expand(value, slots, rng) if ("{" in value or "[" in value) else value
            if value not in used.get(name, []):
                break
        used.setdefault(name, []).append(value)
        return value

    return SLOT.sub(fill, text)


def split_templates(templates: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """(templates both splits use, templates only the held-out split uses)."""
    order = list(range(len(templates)))
    rng.shuffle(order)
    cut = round(len(templates) * HELDOUT_ONLY_TEMPLATES)
    reserved = sorted(order[:cut])
    return ([t for i, t in enumerate(templates) if i not in reserved], [templates[i] for i in reserved])


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.!?:;])", r"\1", text)
    return text


def key_of(text: str) -> str:
    """Texts that differ only in case, spacing or punctuation count as duplicates."""
    return " ".join(re.findall(r"[a-z0-9£$%]+", text.lower()))


def digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def letters_code(rng: random.Random, n: int) -> str:
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_labelled(name: str, rng: random.Random, templates: dict, fillers: dict, counts: dict,
                  post=None, keep_shared: tuple = ()) -> dict:
    """{"train": rows, "heldout": rows}, rows = [(label, text)], no text in both splits and no
    training text that contains a held-out one.

    ``counts[split][label]`` says how many texts of each label; ``post(text, label, rng)``
    post-processes a text (noise). The held-out split takes about a third of its texts from its
    own templates, so that some of its wording was never seen in training.
    """
    pools = Pools(rng, fillers, keep_shared)
    shared, reserved = {}, {}
    for label in sorted(templates):
        shared[label], reserved[label] = split_templates(templates[label], rng)
    seen: set[str] = set()
    result = {}
    heldout_examples: list[str] = []  # filled once the held-out split exists
    for split in ("heldout", "train"):  # held-out first, so it gets its share of rare texts
        slots = pools.get(split)
        rows = []
        for label in sorted(counts[split]):
            made, attempts = 0, 0
            while made < counts[split][label]:
                attempts += 1
                if attempts > 200 * counts[split][label]:
                    raise RuntimeError(f"{name}/{split}/{label}: templates too few for {counts[split][label]} texts")
                if split == "heldout" and reserved[label] and rng.random() < 0.35:
                    template = rng.choice(reserved[label])
                else:
                    template = rng.choice(shared[label])
                text = tidy(expand(template, slots, rng))
                if post is not None:
                    text = " ".join(post(text, label, rng).split())
                key = key_of(text)
                if key in seen or "\t" in text or not text:
                    continue
                if split == "train" and any(example in text for example in heldout_examples):
                    continue  # a training text must not quote a held-out one
                seen.add(key)
                rows.append((label, text))
                made += 1
        rng.shuffle(rows)
        result[split] = rows
        if split == "heldout":
            heldout_examples = [text for _, text in rows if len(text) >= 25]
    return result


# ============================================================================ SMS spam

FIRST_NAMES = [
    "Amy", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Kate", "Leo", "Mia",
    "Noah", "Olivia", "Priya", "Raj", "Sam", "Tom", "Zara", "Aisha", "Omar", "Lucy", "Josh", "Hannah",
    "Kemi", "Tariq", "Sophie", "Max", "Ruth", "Nia", "Callum", "Freya", "Yusuf", "Megan", "Liam", "Rosa",
    "Ivan", "Ana", "Marco", "Beth", "Kofi", "Jess", "Ollie", "Nadia", "Will", "Holly", "Ravi",
]

SMS_FILLERS = {
    "name": FIRST_NAMES,
    "n": lambda rng: str(rng.choice([2, 5, 5, 10, 10, 15, 20, 20, 25, 30, 40, 45])),
    "time": lambda rng: rng.choice([f"{rng.randint(1, 11)}", f"{rng.randint(1, 11)}pm", f"{rng.randint(6, 11)}am",
                                    f"{rng.randint(1, 11)}.{rng.choice(['15', '30', '45'])}",
                                    f"{rng.randint(7, 22)}:{rng.choice(['00', '15', '30', '45'])}", "half 7",
                                    "quarter past 6", "noon", "lunchtime"]),
    "day": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "Monday", "Friday",
            "Saturday", "Sunday", "the weekend", "tomorrow", "tonight", "next week"],
    "month": ["january", "march", "april", "June", "july", "September", "october", "December"],
    "venue": ["the pub", "the cinema", "the station", "nandos", "the park", "the front entrance", "the bar",
              "the chippy", "the car park", "the cafe on the corner", "the library", "platform 4", "the gym",
              "gate B", "the bowling alley", "the Red Lion", "the big roundabout", "reception"],
    "place": ["work", "the office", "mum's", "the airport", "the hotel", "uni", "the hospital", "the beach",
              "the match", "the venue", "grandma's", "the campsite", "Leeds", "Bristol", "Glasgow", "Cardiff"],
    "grocery": ["milk", "bread", "some eggs", "loo roll", "bin bags", "nappies", "teabags", "a pizza",
                "washing up liquid", "cat food", "bananas", "batteries", "something for dinner", "wine"],
    "dish": ["lasagne", "a curry", "chilli", "roast chicken", "pasta", "fajitas", "soup", "risotto", "stir fry"],
    "object": ["charger", "umbrella", "jacket", "keys", "glasses", "laptop", "scarf", "headphones", "wallet",
               "water bottle", "hoodie"],
    "chore": ["to put the bins out", "to feed the cat", "to book the car in", "to call the landlord",
              "the recycling", "to pay the window cleaner", "the parents evening", "to water the plants",
              "to return the library books"],
    "activity": ["the cinema", "bowling", "a curry", "a walk", "football", "drinks", "the gym", "brunch",
                 "the quiz", "a board game night", "climbing", "a run"],
    "doc": ["slides", "report", "spreadsheet", "minutes", "photos", "invoice", "rota", "essay", "CV", "notes"],
    "thing": ["the tickets", "the pizza", "petrol", "the taxi", "the present", "the hotel", "the gas bill",
              "the takeaway", "the flowers"],
    "small": lambda rng: str(rng.choice([3, 4, 5, 6, 8, 10, 12, 12, 15, 20, 25, 30, 35, 40, 50, 60])),
    "silly_prize": ["a giant toblerone", "a bottle of prosecco", "a meat raffle hamper", "a framed photo of the landlord",
                    "a year's supply of crisps", "a rubber duck trophy", "a voucher for the chippy",
                    "a cuddly llama", "two cinema tickets", "a box of chocolates", "a mug"],
    "furniture": ["sofa", "bookcase", "desk", "bike", "cot", "fridge", "wardrobe", "tv stand", "kettle"],
    "team": ["five-a-side", "netball", "cricket", "quiz", "hockey", "darts", "relay", "chess"],
    "shop": ["the co-op", "the corner shop", "Boots", "the big Tesco", "Lidl", "the market", "Argos", "Ikea",
             "the garden centre", "Primark", "Asda"],
    "device": ["laptop", "printer", "wifi", "boiler", "telly", "router", "washing machine", "car", "dishwasher"],
    "road": ["M6", "A1", "ring road", "bypass", "M25", "high street", "bridge"],
    "race": ["park run", "fun run", "half marathon", "colour run", "charity walk"],
    "topic": ["the party", "the wedding", "the rent", "the car", "the holiday", "the deposit", "the kids' pickup",
              "the flat viewing", "the stag do", "the leaving drinks", "christmas"],
    "event": ["the wedding", "the party", "graduation", "the gig", "the festival", "the christening", "the match",
              "sports day", "the reunion", "the concert"],
    "pct": lambda rng: str(rng.choice([10, 20, 25, 30, 40, 50, 60, 70, 75, 80])),
    "letter": lambda rng: rng.choice("ABCDEFGHJKLM"),
    "code": lambda rng: digits(rng, rng.choice([4, 6, 6])),
    "clinic": ["the Riverside surgery", "Parkview dental", "the eye clinic", "Hill Street practice",
               "the physio", "the vets", "the health centre"],
    "phone": lambda rng: rng.choice(["07", "07", "+447"]) + digits(rng, 3) + rng.choice(["", " "]) + digits(rng, 6),
    "premium_phone": lambda rng: "09" + digits(rng, 2) + rng.choice(["", " "]) + digits(rng, 3) + rng.choice(["", " "]) + digits(rng, 4),
    "freephone": lambda rng: "0800 " + digits(rng, 3) + " " + digits(rng, 4),
    "shortcode": lambda rng: rng.choice(["8", "6", "8"]) + digits(rng, 4),
    "ham_url": lambda rng: rng.choice(["pics.sharebox.com/a/", "drive.cloudnest.io/f/", "vidshare.tv/w/",
                                       "docs.officehub.com/d/", "t1ny.link/", "maps.wayfind.com/p/",
                                       "tix.goevent.com/e/", "www.rightmove-homes.co.uk/property/"]) + letters_code(rng, 7),
    "spam_url": lambda rng: (rng.choice(["", "", "http://", "https://", "www."])
                             + rng.choice(["secure", "parcel", "verify", "account", "uk", "help", "delivery", "refund",
                                           "my", "portal", "online", "pay", "track", "claim", "bonus", "login",
                                           "support", "update", "redeliver", "rewards", "care"])
                             + rng.choice(["-", "-", ""])
                             + rng.choice(["centre", "check", "service", "hub", "direct", "info", "desk", "now",
                                           "online", "portal", "uk", "home"])
                             + rng.choice([".com", ".info", ".net", ".co", ".top", ".xyz", ".online", ".uk.com", ".help"])
                             + rng.choice(["", "", "/", "/" + letters_code(rng, 5), "/uk/" + letters_code(rng, 4)])),
    "short_url": lambda rng: "t1ny.link/" + letters_code(rng, 6),
    "amount": lambda rng: rng.choice(["£100", "£250", "£500", "£1000", "£1,000", "£2000", "£2,000", "£5000",
                                      "£350", "£750", "£900", "£1500", "$1000", "£200"]),
    "amount_word": ["£1000 cash", "a £500 voucher", "£2,000", "a holiday for two", "£750 of shopping",
                    "a brand new car", "£5000", "a £250 gift card", "a cash prize", "£1500"],
    "big": lambda rng: rng.choice(["3,000", "5000", "10,000", "15,000", "25,000", "4,500", "7,800"]),
    "pence": lambda rng: rng.choice(["00", "49", "50", "99", "12", "87", "35"]),
    "cost_note": ["Calls cost 65p/min.", "Msgs cost £1.50.", "£3/wk until stopped.", "Standard rates apply.",
                  "16+ only.", "18+ only. T&Cs apply.", "Calls from landlines 50p/min.", "£2 per msg recvd.",
                  "T&C's apply."],
    "opt_out": ["Txt STOP to end.", "To opt out reply STOP.", "Reply STOP to unsubscribe.", "Stop? txt NO to 87239.",
                "Unsub: reply STOP.", "STOP to opt out.", "Text HELP for info."],
    "gadget": ["iPhone", "Samsung Galaxy", "tablet", "smart TV", "games console", "laptop", "smartwatch",
               "pair of headphones", "camera phone"],
    "bank": ["Lloyds", "NatWest", "Barclays", "HSBC", "Santander", "Monzo", "Your bank", "Halifax"],
    "service": ["Netflix", "Amazon Prime", "Spotify", "iCloud", "Disney+", "broadband", "mobile", "TV licence",
                "email", "Apple ID", "PayPal"],
    "merchant": ["AMZN Mktp", "ZXR Trading", "Currys Online", "Apple.com/bill", "Global Pay Ltd", "JD Outlet",
                 "Booking Svcs", "GHX Payments"],
    "agency": ["Bright Futures", "Prime Staffing", "Talent Direct", "Apex", "Swift Careers", "Northgate",
               "UK Claims Dept", "National Warranty"],
    "promo": lambda rng: rng.choice(["SAVE", "WIN", "VIP", "DEAL", "GET", "EXTRA"]) + str(rng.choice([10, 20, 25, 30, 40, 50])),
    "city": ["Leeds", "Manchester", "your area", "Bristol", "Glasgow", "Birmingham", "London", "Cardiff", "Newcastle"],
    "social": ["Instagram", "Facebook", "WhatsApp", "TikTok", "Snapchat", "email", "Apple ID", "Google"],
    "ppm": lambda rng: str(rng.choice([25, 50, 65, 75, 90, 150])),
    "date": ["midnight", "Friday", "31/03", "the 25th", "tonight", "Sunday 6pm", "12/11", "the end of the month"],
    "product": ["skincare", "supplement", "weight loss shake", "teeth whitening", "crypto"],
    "sports": ["the darts", "the footy", "the boxing", "the rugby", "the cricket"],
}

HAM_TEMPLATES = [
    # logistics
    "[running|gonna be|i'm|I'm] {n} mins late, [start without me|order for me|save me a seat|sorry]",
    "can you pick up {grocery} on the way home?",
    "[where are you|where r u|you here yet]? [we're|we are|i'm] [at|outside|by] {venue}",
    "[just|finally] got to {place}, [traffic was awful|train was packed|no signal here|what a day]",
    "what time is {event} [tomorrow|tonight|on {day}]?",
    "[dinner|tea] at {time}? [i'm|I'm] making {dish}",
    "left my {object} at yours, can i grab it {day}?",
    "[bus|train] is delayed again. [be there|home] by {time} hopefully",
    "don't forget {chore} [today|tomorrow|on {day}]",
    "ok see you at {time} [then|x|]",
    "[are we still on for|still up for] {activity} on {day}?",
    "meeting moved to {time}, room {n}",
    "can you send me the {doc} before {day}? need to check a few things",
    "I'll transfer you the £{small} for {thing} tonight",
    "my new number is {phone}, [save it|delete the old one]",
    "[are you|r u|you] free [for lunch|for a quick call|this weekend|on {day}]?",
    "did you [win|see] the [match|game|quiz|darts] [last night|on {day}]?",
    "we won the pub quiz!! the prize was {silly_prize} [lol|haha|]",
    "{name} won a prize at the school fair, [she's|he's] so proud",
    "call me when you [get this|land|finish work|wake up], [nothing urgent|it's about {topic}|no rush]",
    "the [museum|gallery|zoo] is free on {day} if you want to go",
    "[my|our] neighbour is giving away a {furniture} for free, want it?",
    "congrats on the [new job|promotion|exam results|engagement]!! [so proud of you|drinks on me|well deserved]",
    "you've been picked for the {team} team on {day}, [captain said|coach says] be there by {time}",
    "[get|claim] your [seat|spot] early, the [room|hall] fills up fast",
    "the offer on the flat was accepted!!! [can't believe it|moving in {month}|so happy]",
    "text me [the address|when you're outside|your flight number|the postcode]",
    "won't make it tonight, [feeling rubbish|work is mad|kid is sick|car won't start] sorry",
    "[happy birthday|happy bday] {name}!! [have an amazing day|see you saturday|hope it's a good one]",
    "here are the photos from {event}: {ham_url}",
    "[thanks|thank you] for [today|dinner|the lift|having us], [had a great time|you're a star|really needed that]",
    "mum says [call her|ring her] back when [you can|you're free]",
    "[urgent|quick question]: do you know where the spare key is?",
    "your [package|parcel] came, I left it with {name} next door",
    "reminder: dentist at {time} on {day}",
    "got a £{small} voucher for {shop} from work, want to go halves?",
    "did the bank ever sort out your card? mine [got blocked|got cloned|was declined] [last year|last week] too",
    "I'm at {shop}, [do we need|want] anything?",
    "[lol|haha|omg] [that's hilarious|thats brilliant|i can't breathe|classic {name}]",
    "[ok|okay|sure|yep|sounds good|no worries|cool] [see you then|will do|x|thanks]",
    "{name} and I are [thinking of|planning] {activity} on {day}, [you in?|fancy it?|come if you want]",
    "the {device} [won't|doesn't] [turn on|work] again, [any ideas|can you have a look]?",
    "traffic on the {road} is terrible, taking the long way round",
    "can you [check|look at] the link I sent? {ham_url}",
    "I [entered|signed us up for] the {race}, [registration is free|it's for charity|it's only £{small}]",
    "the winner of the bake off at work gets {silly_prize}, wish me luck",
    "[booked|got] the tickets! {n} of us, row {letter}",
    "did you get my [email|voicemail|message] about {topic}?",
    "{name}'s [flight|train] lands at {time}, can you get [her|him]?",
    "exam went [ok|terribly|better than expected], [results|marks] out in {month}",
    "apparently {shop} is closing down, everything's {pct}% off",
    "sorry missed your call, [in a meeting|driving|was asleep], call you back [in 5|later|after {time}]",
    "I've got a spare ticket for {event} on {day} if you want it, free obviously",
    "stop [texting|messaging] me about {topic} lol, I'll sort it",
    "[pls|please] reply when you can, need numbers for {day}",
    "Hi {name}, your [order|prescription|table for [2|4|6]] is ready to collect. [Thanks|See you soon], {shop}",
    "Hi, this is a reminder of your appointment at {clinic} on {day} at {time}. Reply C to cancel.",
    "Your verification code is {code}. Do not share it with anyone.",
    "watching {sports} at {name}'s, come over if you're bored",
    "how much do I owe you for {thing}? £{small}?",
    "the landlord says the deposit will be back [by {day}|next week], finally",
    "cash or card for the taxi? I've only got £{small} on me",
    "can't believe {name} won the raffle AGAIN, second year running",
    "{name} said the winner gets a free [pint|coffee|dinner], are you playing?",
    "mate you have to see this {ham_url} [lol|haha|]",
    "[heading|going] to {place} now, [back around|home by] {time}",
    "[morning|evening]! [hope the interview goes well|good luck today|how did it go?]",
    "pick me up from {venue} at {time}? [pretty please|I'll buy you a coffee]",
]

SPAM_TEMPLATES = [
    # the classic kind
    "[WINNER|Congratulations|CONGRATS]!! You have been selected to receive a {amount} [prize|reward|cash award]. [Call|Ring] {premium_phone} [now|today] to claim. {cost_note}",
    "URGENT! Your mobile number has won {amount_word} in our [weekly|monthly] draw. Txt CLAIM to {shortcode} [before {date}|now]",
    "FREE entry into our {amount} [weekly competition|prize draw]! Just text WIN to {shortcode}. {opt_out}",
    "You have won a [brand new|free] {gadget}! To collect, call {premium_phone}. {cost_note}",
    "Claim your free {gadget} upgrade today, just reply YES. {opt_out}",
    "Congratulations, you've been chosen for a {amount} [gift card|voucher|shopping spree]. Redeem at {spam_url}",
    # no obvious spam words
    "Your parcel [could not be delivered|is being held at our depot|has a pending fee]. [Reschedule|Update your address|Pay the £1.99 fee] at {spam_url}",
    "{bank}: we noticed [a sign-in|unusual activity|a new payee] [from a new device|on your account]. If this wasn't you, [secure your account|verify your identity] at {spam_url}",
    "Your {service} [account|subscription] [has been suspended|is on hold] due to a payment issue. Update your details: {spam_url}",
    "A payment of £{small}.{pence} to {merchant} is pending. If you did not authorise this, call {phone} immediately",
    "Tax office: you are owed a refund of £{small}{pence}.{pence}. [Submit your claim|Apply] [here|online] {spam_url}",
    "[Mum|mum|Hi mum|Hey mum], I've [broken|dropped|lost] my phone, this is my new number. Can you message me on whatsapp? x",
    "Hi dad, [lost|smashed] my phone, using a friend's. Need to pay a bill today, can you help? will explain later",
    "Hello, I'm {name} from {agency} recruitment. We have a part-time remote role paying £{small}0 per day. Reply YES for details",
    "Your [loan|credit] application has been pre-approved for up to £{big}. No credit checks. Reply LOAN [now|today]",
    "You have 1 new voicemail. [Listen|Play it] at {spam_url}",
    "[Last chance|Final notice]: your {service} [plan|storage] expires today. Renew now at {spam_url} to avoid losing your data",
    "[Hot|Lonely|Local] singles in {city} want to chat with you tonight! Text DATE to {shortcode}. {cost_note}",
    "Get {pct}% off all orders this weekend with code {promo}. Shop now {spam_url} {opt_out}",
    "Were you in an accident that wasn't your fault? You could be entitled to £{big} compensation. Reply CLAIM",
    "Your energy bill is eligible for a £{small}0 rebate. Apply before {date}: {spam_url}",
    "Dear customer, your SIM will be deactivated in 24 hours. To keep your number, confirm your details at {spam_url}",
    "Earn £{small}0/day from home, no experience needed! Places limited, text JOB to {shortcode}",
    "Turn £{small}0 into £{big} in [2|3|4|6] weeks with our [crypto|trading|investment] app. Join at {spam_url}",
    "Hi {name}, it's been a while! I found a way to make extra cash [from my phone|online|in my spare time], want me to send you the link?",
    "This is a courtesy message from {agency}. We have been trying to reach you about your [car warranty|pension|energy account]. Call {freephone}",
    "Your order #{code} has been cancelled. If you did not request this, visit {spam_url}",
    "We tried to reach you. Please call {premium_phone} [urgently|today] regarding your [account|delivery|claim]. Calls cost {ppm}p/min",
    "Exclusive: members get unlimited [movies|ringtones|games|wallpapers] for just £{small}.99/week. Text JOIN to {shortcode}. {opt_out}",
    "Your ringtone order is ready! Reply GO to {shortcode} to download. £1.50/msg",
    "Thank you for being a loyal customer, you have been picked for a short survey with a {amount} reward: {spam_url}",
    "Private message: you have an unclaimed [bonus|reward|refund] waiting. Ring {premium_phone} [before {date}|now]. {cost_note}",
    "Guaranteed cash or a holiday for 2! [Call|Text] {premium_phone} [from your landline|now]. {cost_note}",
    "Your {service} payment failed. To avoid a late fee, pay now via {spam_url}",
    "Notice: a fine of £{small}0 is outstanding on your vehicle. Pay within 48 hrs at {spam_url}",
    "hey its {name} from the gym, remember me? i started selling {product} [products|stuff] and thought of you, check {spam_url}",
    "Someone has tried to access your {social} account. Confirm it was you: {spam_url}",
    "Good news! Your mobile contract qualifies for a free upgrade. Call {freephone} today, lines close at 8pm",
    "You've received {n} free spins! Play now at {spam_url}. 18+ {opt_out}",
    "Reminder: your entry to the £{big} cash draw closes at midnight. Reply ENTER to confirm",
    "[pls|please] call me back on this number, urgent, its about your account",
    "Your {service} will be [renewed|charged] at £{small}.99 today. Not you? Cancel at {short_url}",
    "{name}, your friend has sent you a gift! Open it here: {short_url}",
    "Important: your home insurance quote is ready. Save up to {pct}% when you call {freephone} today",
    "[Hi|Hello] there, are you still looking for work? Earn £{small}0 a day reviewing products, message me for info",
    "Hey! Sorry for the late reply, did you still want to meet? Here are my pics {short_url}",
    "Your package from {city} is on hold until customs duty of £{small}.{pence} is paid: {spam_url}",
    "Missed delivery attempt for parcel {code}. Book a new slot: {spam_url}",
]

ABBREVIATIONS = {"you": "u", "are": "r", "your": "ur", "you're": "ur", "to": "2", "for": "4", "tonight": "2nite",
                 "tomorrow": "tmrw", "please": "pls", "thanks": "thx", "see": "c", "later": "l8r", "great": "gr8",
                 "before": "b4", "message": "msg", "text": "txt", "because": "cos", "okay": "ok", "what": "wat",
                 "minutes": "mins", "people": "ppl", "love": "luv", "be": "b", "at": "@", "and": "&", "with": "w/",
                 "know": "no", "tonite": "2nite", "going": "goin", "really": "rly", "don't": "dont",
                 "can't": "cant", "I'm": "im", "i'm": "im", "that's": "thats"}
HAM_TAILS = [" x", " xx", " :)", " lol", "!!", " :(", " haha", " :D", " ;)", " xxx", " ta", " cheers"]


def sms_noise(text: str, label: str, rng: random.Random) -> str:
    """Typing habits: SMS abbreviations, typos, case, tails. Both classes get them, at different rates."""
    if label == "ham":
        p_abbrev, p_typo, p_lower, p_upper, p_tail = 0.25, 0.035, 0.35, 0.03, 0.25
    else:
        p_abbrev, p_typo, p_lower, p_upper, p_tail = 0.12, 0.02, 0.12, 0.08, 0.04
    words = []
    for word in text.split(" "):
        core = word.strip(",.!?:;")
        if "/" in core or "@" in core or "." in core or any(ch.isdigit() for ch in core):
            words.append(word)  # leave URLs, numbers and codes alone
            continue
        if core.lower() in ABBREVIATIONS and rng.random() < p_abbrev:
            short = ABBREVIATIONS[core.lower()]
            word = word.replace(core, short.upper() if core.isupper() and len(core) > 1 else short)
        elif len(core) > 3 and core.isalpha() and rng.random() < p_typo:
            i = rng.randrange(1, len(core) - 1)
            if rng.random() < 0.5:
                typo = core[:i] + core[i + 1] + core[i] + core[i + 2:]  # swap two letters
            else:
                typo = core[:i] + core[i + 1:]  # drop a letter
            word = word.replace(core, typo)
        words.append(word)
    text = " ".join(words)
    draw = rng.random()
    if draw < p_lower:
        text = text.lower()
    elif draw < p_lower + p_upper:
        text = text.upper()
    if rng.random() < 0.15:
        text = text.replace("'", "")
    if rng.random() < p_tail:
        text = text.rstrip(".") + rng.choice(HAM_TAILS)
    return text


def make_sms(seed: int) -> dict:
    rng = random.Random(seed)
    train_n, heldout_n = SIZES["sms_spam"]
    counts = {split: {"spam": round(n * SPAM_SHARE), "ham": n - round(n * SPAM_SHARE)}
              for split, n in (("train", train_n), ("heldout", heldout_n))}
    return make_labelled("sms_spam", rng, {"ham": HAM_TEMPLATES, "spam": SPAM_TEMPLATES}, SMS_FILLERS, counts,
                         post=sms_noise)


# ============================================================================ news topics

TOWNS = ["Ashford", "Kingsbridge", "Marlow", "Carrick", "Eastfield", "Harrowgate", "Norbury", "Westmere",
         "Redcliffe", "Stanmore", "Oakhampton", "Bramley", "Fenwick", "Lowther", "Castleton", "Pendle",
         "Holloway", "Greyfield", "Thornbury", "Wickham", "Ravensworth", "Millbrook", "Dunmore", "Selby"]
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Brennan", "Tanaka", "Kowalski", "Haddad", "Fernandes", "Murphy",
            "Novak", "Adeyemi", "Castillo", "Becker", "Rossi", "Nakamura", "O'Neill", "Petrov", "Mensah", "Dubois",
            "Schultz", "Alvarez", "Kaur", "Whitfield", "Osei", "Larsen", "Romano", "Hughes", "Varga", "Costa",
            "Ibrahim", "Quinn", "Sato", "Eriksen", "Bianchi", "Mahmoud", "Keane", "Jansen", "Delgado", "Okoro",
            "Fischer", "Sullivan", "Horvat", "Reyes", "Lambert", "Chen", "Patel", "Walsh", "Mbeki", "Silva"]
FIRSTS = ["Anna", "Marcus", "Elena", "David", "Sofia", "Tomas", "Grace", "Daniel", "Ines", "Kwame", "Laura",
          "Pavel", "Amara", "Luca", "Hana", "James", "Mei", "Oscar", "Zainab", "Erik", "Nora", "Felix", "Ruth",
          "Samuel", "Lea", "Victor", "Chloe", "Ahmed", "Isabel", "Jonas"]
COMPANY_STEMS = ["Norvik", "Calder", "Brightwater", "Helion", "Quantra", "Teskin", "Vantor", "Morrow", "Aldgate",
                 "Pinecrest", "Solent", "Corvane", "Halberd", "Lumera", "Westbay", "Granite", "Orbis", "Kestrel",
                 "Alder", "Cobalt", "Meridian", "Stratus", "Ferro", "Blue Harbour", "Redwing", "Tamsin"]

NEWS_FILLERS = {
    "team": [t + " " + s for t in TOWNS[:16] for s in ("United", "City", "Rovers", "Athletic")][::3],
    "player": [f + " " + s for f in FIRSTS for s in SURNAMES][::11],
    "person": [f + " " + s for f in FIRSTS for s in SURNAMES][5::13],
    "company": [c + " " + s for c in COMPANY_STEMS
                for s in ("Group", "Holdings", "Energy", "Foods", "Motors", "Bank", "Systems", "Retail", "Airways",
                          "Pharma", "Telecom", "Labs")][::5],
    "country": ["France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Australia", "Spain", "Italy",
                "Nigeria", "Mexico", "Poland", "Sweden", "Egypt", "Chile", "Vietnam", "Norway", "Ireland", "Ghana",
                "Portugal", "Argentina", "Turkey", "Indonesia", "Scotland", "Wales", "New Zealand", "South Africa"],
    "city": ["London", "Paris", "Madrid", "Lagos", "Toronto", "Osaka", "Lyon", "Porto", "Accra", "Calgary", "Leeds",
             "Glasgow", "Munich", "Milan", "Nairobi", "Melbourne", "Denver", "Cardiff", "Seville", "Krakow",
             "Bristol", "Dublin", "Oslo", "Manchester", "Lisbon", "Auckland"],
    "tournament": ["World Cup", "European Championship", "Six Nations", "Commonwealth Games", "Olympics",
                   "League Cup", "Ashes series", "world championships", "Grand Slam", "Champions League",
                   "Open championship", "Tour"],
    "n": lambda rng: str(rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15])),
    "big_n": lambda rng: str(rng.choice([120, 200, 350, 400, 600, 800, 1200, 1500, 2000, 3500, 5000])),
    "pct": lambda rng: rng.choice(["1.5", "2", "3", "4.2", "5", "6", "7.5", "8", "10", "12", "15", "18", "22"]),
    "money": lambda rng: str(rng.choice([1.2, 2, 3.5, 4, 5, 8, 12, 15, 20, 25, 40, 60, 75, 90, 120, 250])),
    "score": lambda rng: f"{rng.randint(0, 4)}-{rng.randint(0, 3)}",
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"],
    "ordinal": ["second", "third", "fourth", "fifth", "sixth"],
    "party": ["the Labour Party", "the Conservatives", "the Liberal Democrats", "the Greens", "the Social Democrats",
              "the People's Party", "the Reform Alliance", "the Centre Party", "the Progress Party"],
    "ministry": ["finance", "transport", "education", "defence", "housing", "justice", "energy", "foreign"],
    "policy": ["housing", "immigration", "voting age", "rail nationalisation", "police funding", "school meals",
               "prison reform", "the state pension", "local elections", "press regulation", "energy subsidies",
               "the digital services tax", "rent controls", "the welfare budget"],
    "disease": ["diabetes", "heart disease", "dementia", "stroke", "asthma", "bowel cancer", "depression",
                "high blood pressure", "kidney disease", "osteoporosis", "breast cancer", "arthritis"],
    "infection": ["salmonella", "E. coli", "norovirus", "hepatitis A", "legionnaires' disease", "listeria"],
    "gadget": ["phone", "tablet", "laptop", "smartwatch", "headphones", "e-reader", "games console", "VR headset",
               "smart speaker", "camera"],
    "planet": ["Mars", "Jupiter's moon Europa", "Saturn", "Venus", "the Moon", "a nearby star", "Titan", "Mercury"],
    "university": ["the University of " + c for c in ("Leeds", "Oslo", "Toronto", "Melbourne", "Munich", "Lisbon")]
                  + [t + " University" for t in ("Kingsbridge", "Eastfield", "Redcliffe", "Norbury")]
                  + ["the Institute of Technology in " + c for c in ("Zurich", "Delft", "Tokyo")],
    "ceo": [f + " " + s for f in FIRSTS for s in SURNAMES][3::17],
    "politician": [f + " " + s for f in FIRSTS for s in SURNAMES][7::19],
    "animal": ["dinosaur", "sea reptile", "giant penguin", "early whale", "flying reptile", "crocodile relative"],
    "rate": lambda rng: rng.choice(["0.5", "1.25", "2", "3.75", "4.5", "5.25"]),
}

SPORT_TEMPLATES = [
    "{team} beat {team2} {score} to move [top of the table|into the semi-finals|clear of the relegation zone]",
    "{player} scores twice as {team} [come from behind|cruise past|hold off] {team2}",
    "{team} manager {person} [sacked|under pressure] after {n} straight defeats",
    "{player} ruled out for {n} weeks with a [hamstring|knee|ankle|shoulder] injury",
    "{country} name [an unchanged|a new-look|a young] squad for the {tournament}",
    "{player} wins [a first|a third|her second|his fourth] title in straight sets",
    "Rain delays the final day of the test between {country} and {country2}",
    "{player} breaks the [national|world|championship] record in the [400|800|1500|5000] metres",
    "{team} confirm the signing of {player} on a {n}-year deal",
    "Transfer fee for {player} could reach £{money}m, says {team} chairman",
    "Fans [protest outside the ground|boo the players] as {team} slump to another defeat",
    "{player} retires [at 34|at 36|aged 31] after a career spanning {n} seasons",
    "Olympic champion {player} [targets|eyes] gold again at the {tournament}",
    "Late penalty decision [angers|sparks fury at] {team} as {team2} snatch a draw",
    "{team} [clinch|seal] the title with {n} games to spare",
    "{player} takes the leader's jersey after a brutal mountain stage",
    "{country} [thrash|edge past|stun] {country2} in the {tournament} opener",
    "Golfer {player} shoots a [record|career-best] round to lead by {n} shots",
    "{player} wins the {city} marathon in a course-record time",
    "{team} [appoint|name] {person} as [head coach|new manager]",
    "Doping ban for {player} [upheld|overturned|reduced] on appeal",
    "{player} credits the team's new fitness coach for her best season yet",
    "Players' union [warns|raises concerns] about a crowded fixture list",
    "Sprinter {player} clocks a season's best to reach the final",
    "{player} saves {n} match points to reach the quarter-finals in {city}",
    "Teenager {player} handed a first senior start by {team}",
    "Injury-time winner keeps {team}'s [cup|promotion] hopes alive",
    "{player} takes the lead in the chess [candidates|olympiad] after a long endgame",
    "{team} captain {player} signs a new contract worth £{money}m a year",
    "Supporters' groups criticise ticket prices for the {tournament} final",
    "{country} [collapse|bat all day|declare] on the second day against {country2}",
    "Boxer {player} [retains|loses] the [heavyweight|lightweight|welterweight] belt on points",
    "{team} fined after crowd trouble at the derby with {team2}",
    "[Goalkeeper|Striker|Winger|Full-back] {player} [nominated|shortlisted] for player of the year",
    "Coach {person} says {team} must [defend better|stop conceding late goals|rotate the squad]",
    "{country} qualify for the {tournament} with a game to spare",
    "Relay team from {country} disqualified after a baton changeover error",
    "{player} pulls out of the {tournament} to [rest a back problem|recover from illness]",
    "Ski season: {player} wins the downhill in {city}",
    "Cricket: {player} hits a century as {country} [chase down|set] a target of {big_n}",
]

BUSINESS_TEMPLATES = [
    "{company} shares [jump|slide|plunge|climb] {pct}% after [half-year results|a profit warning|a surprise upgrade]",
    "{company} to cut {big_n} jobs as [sales fall|costs rise|it closes stores]",
    "Inflation [rises|falls|edges up] to {pct}% in {month}, [above|below] forecasts",
    "Central bank [holds|raises|cuts] interest rates at {rate}%",
    "{company} agrees £{money}bn takeover of {company2}",
    "{company} boss {ceo} steps down after {n} years",
    "Retail sales [fell|rose] {pct}% last month as shoppers [cut back|returned to the high street]",
    "Oil prices [climb|drop] as [supply fears grow|demand weakens]",
    "{company} reports record [profits|revenue] of £{money}m",
    "Start-up {company} raises ${money}m in a funding round led by {company2}",
    "House prices [rise|fall] for the {ordinal} month in a row",
    "{company} opens a new factory in {city}, creating {big_n} jobs",
    "Airline {company} [cancels|adds] {big_n} flights as [fuel costs soar|demand recovers]",
    "{team} reports record revenue of £{money}m [after a stadium naming deal|thanks to TV rights]",
    "Sportswear maker {company} [signs|drops] a sponsorship deal with {player}",
    "Broadcaster pays £{money}bn for [football|cricket|rugby] TV rights",
    "Chipmaker {company} [shares fall|profits soar] as demand for AI [servers|chips] [cools|booms]",
    "{company} [recalls|withdraws] {big_n} [cars|phones|baby monitors|kettles] over a safety fault",
    "Drugmaker {company} [beats|misses] forecasts as vaccine sales [drop|surge]",
    "{company} fined £{money}m by regulator over [misleading adverts|a data breach|price fixing]",
    "Gym chain {company} [expands|closes {n} sites] as membership [grows|falls]",
    "Supermarket {company} [cuts|raises] prices on {big_n} products",
    "Strike at {company} [ends|enters its third week] after pay [deal|talks fail]",
    "Stock markets [rally|tumble] as investors [react to|await] trade data from {country}",
    "{company} [warns|says] [tariffs|supply chain problems|the strong pound] will hit profits",
    "Pharmacy chain {company} [sold|bought] for £{money}m",
    "Pound [rises|falls] against the dollar after [jobs figures|the rate decision]",
    "{company} investors [reject|back] chief executive's £{money}m pay deal",
    "Mortgage rates [fall|rise] as lenders [compete for customers|price in rate rises]",
    "Electric car maker {company} [delivers|misses] its quarterly target",
    "Shipping costs [double|ease] as [ports clear backlogs|the canal closure drags on]",
    "Online sales at {company} [jump|slow] as [customers switch to apps|spending cools]",
    "{company} [buys|sells] a stake in {company2} for £{money}m",
    "Small businesses in {city} [struggle with|welcome] new energy prices",
    "Coffee prices hit a [record|five-year] high after a poor harvest in {country}",
    "Bank {company} [sets aside|releases] £{money}m for bad loans",
    "{company} [posts|warns of] a loss as [advertising|subscriber] income falls",
    "Wage growth [slows|picks up] to {pct}% as the jobs market [cools|tightens]",
    "Football club {team} [put up for sale|bought by an investment fund] valuing it at £{money}m",
    "Tech giant {company} [beats|misses] profit forecasts on cloud sales",
]

POLITICS_TEMPLATES = [
    "Prime Minister {politician} [faces|survives] a confidence vote",
    "{party} [wins|loses] the [by-election|seat] in {city}",
    "{politician} [resigns|is sacked] as {ministry} minister",
    "Parliament [passes|rejects] [a bill on|plans for] {policy}",
    "{country} and {country2} sign a [trade|border|defence|fishing] agreement",
    "Opposition leader {politician} calls for [an early election|an inquiry into {policy}]",
    "Voters in {country} go to the polls on {day}",
    "President {politician} [vetoes|signs] the {policy} [bill|law]",
    "Poll puts {party} {n} points ahead",
    "Ministers [announce|scrap] plans to [raise|freeze] the [minimum wage|state pension]",
    "Election campaign enters final week amid a row over {policy}",
    "{politician} [sworn in|elected] as mayor of {city}",
    "Ambassador [summoned|expelled] after a row between {country} and {country2}",
    "Committee to question {politician} over [leaked messages|party donations|lobbying]",
    "Coalition talks in {country} [collapse|continue] after [deadlock over {policy}|a disputed vote]",
    "Ceasefire vote at the UN [fails|passes] after [a veto|weeks of talks]",
    "Health secretary {politician} [defends|unveils] plan to cut hospital waiting lists",
    "MPs vote to [ban|restrict] junk food adverts before 9pm",
    "Government [to tax|announces a levy on] sugary drinks, {politician} confirms",
    "Minister {politician} [backs|opposes] the bid to host the {tournament}",
    "Budget: chancellor {politician} [raises|cuts] [corporation tax|fuel duty|income tax] by {n} points",
    "[Lawmakers|MPs] demand tougher rules on [AI firms|social media platforms|online gambling]",
    "{politician} [promises|pledges] £{money}bn for [nurses|new hospitals|schools|flood defences]",
    "Protesters march in {city} against [pension reform|fuel prices|a new voting law|{policy}]",
    "{party} unveils a manifesto [pledging|promising] free [childcare|bus travel|school meals]",
    "Sports minister calls for an inquiry into [football|cricket|athletics] governance",
    "Cabinet reshuffle: {politician} [moves to|takes over] the {ministry} brief",
    "Senators [block|approve] {politician}'s nominee for the supreme court",
    "Local council in {city} [declares|rejects] a climate emergency",
    "{party} [suspends|readmits] MP after [an investigation|a complaint]",
    "Turnout [falls|rises] to [41|48|55|62|67|73]% in {country}'s regional elections",
    "Leaders of {country} and {country2} meet [for the first time in years|to discuss {policy}]",
    "{politician} [wins|loses] the party leadership contest",
    "Whistleblower tells MPs about [spending|contracts] at the {ministry} department",
    "New prime minister {politician} names the first cabinet",
    "Referendum on {policy} [set for|delayed until] {month}",
    "{country} [imposes|lifts] sanctions on {country2}",
    "Speaker [orders|rejects] a recount after a tight vote on {policy}",
    "Peace talks between {country} and {country2} [resume|stall] in {city}",
    "Mayor {politician} [promises|scraps] a congestion charge for {city}",
]

TECH_TEMPLATES = [
    "{company} unveils a [new|foldable|cheaper] {gadget} with [longer battery life|a better camera|a brighter screen]",
    "Scientists [detect|find signs of] [water|ice|organic molecules] on {planet}",
    "Space agency launches a [probe|satellite|telescope] to study {planet}",
    "Researchers at {university} build [a quantum chip|a walking robot|a battery that charges in minutes]",
    "Software update [fixes|causes] a [bug|security flaw] in millions of {gadget}s",
    "Hackers [steal|leak] data of {n} million users from {company}",
    "New AI model [writes code|translates 200 languages|beats experts at chess|predicts protein shapes]",
    "Physicists measure [the mass|the lifetime] of a rare particle [with record precision|for the first time]",
    "Electric car range [doubles|improves] with a new [solid-state|sodium] battery",
    "Rocket [explodes|lands safely] [after launch|on its {ordinal} test flight]",
    "Astronomers capture the [first|clearest] image of [a black hole|a distant galaxy|a newborn planet]",
    "{company} [releases|delays] its [operating system|game console|VR headset] update",
    "Engineers test [driverless buses|delivery drones|robot taxis] on the streets of {city}",
    "Study finds [glaciers|sea ice|permafrost] in [the Arctic|the Alps|Greenland] [melting|shrinking] faster than expected",
    "Fossil of [a giant|an unknown] {animal} found in {country}",
    "{university} team [sets|breaks] a record for [solar cell efficiency|data transmission speed]",
    "Social media app [adds|removes] a [feature|button] after user complaints",
    "Password managers [targeted|hit] by a new phishing [campaign|attack]",
    "Open-source [browser|database|compiler] reaches version {n}.0",
    "{company} adds [sleep tracking|a blood oxygen sensor|fall detection] to its new smartwatch",
    "Fitness app leaks the [running routes|home locations] of {n} million users",
    "Engineers build a robot arm that [helps surgeons|can thread a needle]",
    "Video referee software [upgraded|criticised] after [offside|goal-line] errors",
    "Esports final streamed to {n} million viewers, a record for the platform",
    "Satellite images reveal [illegal logging|a shrinking lake|new islands] in {country}",
    "Chip shortage delays the launch of {company}'s new {gadget}",
    "Quantum computer [solves|fails at] a problem [in minutes|that stumps supercomputers]",
    "Telescope spots a [comet|asteroid] that will pass close to Earth in {month}",
    "Mobile networks switch off [3G|2G] in {country}, leaving older phones offline",
    "Researchers teach a robot dog to [climb stairs|open doors] using reinforcement learning",
    "{company} [bans|allows] AI-generated images on its platform",
    "Volcano [monitoring|sensors] [predict|miss] an eruption in {country}",
    "Scientists [grow|print] [a tiny heart|skin cells|a model of the brain] in the lab",
    "Undersea cable cut [slows|knocks out] internet access in {country}",
    "Battery recycling plant in {city} recovers {n}0% of the lithium",
    "Weather satellite [sends|beams] back its first images of [hurricanes|storms] over the Atlantic",
    "Ransomware attack [shuts|forces] {company} [systems offline|to pay hackers]",
    "Mathematicians [prove|disprove] a conjecture that stood for {n}0 years",
    "Wind turbine blades made from [recycled plastic|wood] tested off the coast of {country}",
    "Lunar lander [touches down|crashes] near the Moon's south pole",
]

HEALTH_TEMPLATES = [
    "Study links [poor sleep|screen time|ultra-processed food|loneliness] to a higher risk of {disease}",
    "[New|Experimental] drug [slows|halts] {disease} in [a trial|an early trial]",
    "[Flu|Measles|Norovirus|Whooping cough] cases [rise|surge] in {city} [schools|care homes]",
    "Doctors warn of [heat stroke|dehydration] risk as temperatures soar",
    "Daily walk of {n}0 minutes [cuts|lowers] the risk of {disease}, researchers say",
    "Hospital in {city} [opens|closes] its [cancer|maternity|stroke] unit",
    "[Vaccine|Booster jab] [approved|recommended] for [over-65s|children aged {n} and over]",
    "[Blood test|Eye scan] could detect {disease} years earlier",
    "Nurses report [rising|record] waiting times in [A&E|emergency departments]",
    "Eating more [fibre|fish|nuts|beans] linked to [longer life|healthier hearts|lower blood pressure]",
    "Outbreak of {infection} [traced|linked] to [a restaurant|contaminated water|a food market] in {city}",
    "Mental health referrals among [students|teenagers|new mothers] [double|rise sharply]",
    "Surgeons perform [a first|a rare] [hand|face|womb] transplant in {country}",
    "{n} ways to [beat|cope with] hay fever this spring",
    "Antibiotic resistance [spreading|growing] faster than expected, health agency warns",
    "Low-dose aspirin [no longer recommended|still advised] for [healthy adults|heart patients]",
    "Dementia risk [lower|higher] in people who [stay active|smoke], study of {big_n} adults finds",
    "Footballers who head the ball [more often|for years] face a higher risk of [dementia|brain injury], study finds",
    "Marathon runners [more|less] likely to suffer [knee|heart] problems, doctors say",
    "AI tool [spots|detects] {disease} on scans [as well as|better than] doctors",
    "Health app [helps|fails to help] patients [manage diabetes|quit smoking], trial shows",
    "Cost of [insulin|cancer drugs|inhalers] [rises|falls] for patients",
    "Junior doctors [strike|vote to strike] over [pay|working hours]",
    "Sugar tax [has cut|failed to cut] childhood obesity, researchers say",
    "Air pollution in {city} linked to [asthma|breathing problems] in children",
    "Gene therapy [restores|improves] sight in patients with a rare condition",
    "Patients wait [months|over a year] for [hip|knee|cataract] operations",
    "Weight-loss [jabs|drugs] [cut|reduce] the risk of heart attacks, trial suggests",
    "Midwives [warn|say] staff shortages put mothers at risk",
    "[Cancer|Stroke] survival rates [improve|stall] in {country}",
    "Doctors urge parents to [check|catch up on] children's [vaccinations|jabs]",
    "Drinking [coffee|green tea] linked to a [lower|slightly lower] risk of {disease}",
    "Screening programme for {disease} [expanded|launched] in {city}",
    "Hospital infections [fall|rise] after [new hygiene rules|cleaning cuts]",
    "Too much sitting [raises|linked to] the risk of {disease}, say researchers",
    "Pharmacists to [prescribe|offer] [contraception|antibiotics|blood pressure checks] without a GP visit",
    "Care homes in {city} [ban|allow] visits after a {infection} outbreak",
    "Ambulance response times [improve|worsen] in {city}",
    "[Yoga|Strength training|Swimming] [eases|helps with] back pain, [trial|study] finds",
    "Rare disease charity [funds|launches] research into {disease} in children",
]

TOPIC_FOLLOWUPS = {
    "sport": ["The result leaves them {n} points behind the leaders.", "The match was played in front of a sell-out crowd.",
              "The coach praised the squad's [character|spirit|fitness].", "The [season|tournament] resumes on {day}.",
              "Tickets for the next round go on sale on {day}.", "It was their first win away from home this season.",
              "Fans will hope the injury is not as bad as it looked.", "The squad flies to {city} on {day}.",
              "The [club|team] has not won a trophy in {n} years.", "A decision on the appeal is expected next week.",
              "[He|She] said the [dressing room|team] was [devastated|delighted]."],
    "business": ["The company said trading would [improve|stay difficult] later in the year.",
                 "Shares have [risen|fallen] {pct}% since January.", "Analysts had expected a [smaller|bigger] change.",
                 "The deal still needs approval from the competition regulator.", "The firm employs {big_n} people.",
                 "Investors will be watching next month's figures closely.", "Profits before tax were £{money}m.",
                 "The chief executive said the [outlook|market] remained [uncertain|strong].",
                 "[Customers|Suppliers] were told about the changes on {day}."],
    "politics": ["The vote was [closer|wider] than expected.", "Opposition parties said the plan did not go far enough.",
                 "The bill now goes to the upper house.", "A spokesman for the prime minister declined to comment.",
                 "The result is a blow to the government.", "Critics accused ministers of [a U-turn|breaking a promise].",
                 "The debate lasted more than {n} hours.", "Polling stations open at 7am.",
                 "The committee will publish its report in {month}."],
    "tech": ["The findings were published in the journal Nature.", "The device goes on sale in {month}.",
             "The team now plans a larger [test|experiment].", "Engineers said the fault had been fixed.",
             "The mission cost about ${money}m.", "The code is available for anyone to download.",
             "Users were advised to change their passwords.", "The data took {n} years to analyse.",
             "[Reviewers|Testers] said the battery life was [impressive|disappointing]."],
    "health": ["The study followed {big_n} people for {n} years.", "Doctors said more research was needed.",
               "Patients should speak to their GP before making changes.", "The findings were published in a medical journal.",
               "The trial involved {big_n} volunteers.", "Health officials urged people to stay [hydrated|at home if unwell].",
               "The treatment could be available within {n} years.", "Waiting lists have grown since last winter.",
               "Symptoms include a fever and a [cough|rash|headache]."],
}
GENERIC_SENTENCES = ["The announcement came on {day}.", "More details are expected next week.",
                     "Officials declined to comment further.", "Critics said the move was long overdue.",
                     "The figures were published on {day}.", "It follows a difficult year for those involved.",
                     "Analysts said the news had been widely expected.", "{person} said the outcome was disappointing.",
                     "The decision will be reviewed in {month}.", "It is the {ordinal} such case this year.",
                     "Reaction on social media was mixed.", "Reporting by {person} in {city}.",
                     "A statement is expected on {day}.", "The story is developing."]


def news_item_post(rng: random.Random, slots: dict):
    def post(text: str, label: str, rng_: random.Random) -> str:
        parts = [text.rstrip(".") + "."]
        draw = rng_.random()
        if draw < 0.55:
            parts.append(expand(rng_.choice(TOPIC_FOLLOWUPS[label]), slots, rng_))
        if rng_.random() < 0.35:
            parts.append(expand(rng_.choice(GENERIC_SENTENCES), slots, rng_))
        if rng_.random() < 0.08:
            parts[0] = parts[0].lower()
        return " ".join(parts)
    return post


def make_news(seed: int) -> dict:
    rng = random.Random(seed)
    templates = {"sport": SPORT_TEMPLATES, "business": BUSINESS_TEMPLATES, "politics": POLITICS_TEMPLATES,
                 "tech": TECH_TEMPLATES, "health": HEALTH_TEMPLATES}
    train_n, heldout_n = SIZES["news_topics"]
    counts = {"train": {label: train_n // 5 for label in templates},
              "heldout": {label: heldout_n // 5 for label in templates}}
    # The follow-up sentences use the full filler lists; what matters for the split is the headline.
    post = news_item_post(rng, NEWS_FILLERS)
    return make_labelled("news_topics", rng, templates, NEWS_FILLERS, counts, post=post)


# ============================================================================ named entities

# Person names: first names are shared, surnames are split, so most full names in the held-out
# split are new. Some first names are also places (Jordan, Georgia, Florence, ...).
NER_FIRST = ["Anna", "Marcus", "Elena", "David", "Sofia", "Tomas", "Grace", "Daniel", "Ines", "Kwame", "Laura",
             "Pavel", "Amara", "Luca", "Hana", "James", "Mei", "Oscar", "Zainab", "Erik", "Nora", "Felix", "Ruth",
             "Samuel", "Lea", "Victor", "Chloe", "Ahmed", "Isabel", "Jonas", "Peter", "Maria", "John", "Fatima",
             "Kenji", "Olga", "Carlos", "Aylin", "Thomas", "Rachel", "Jordan", "Georgia", "Florence", "Austin",
             "Sydney", "Victoria", "Paris", "Chelsea"]
NER_SURNAMES_TRAIN = ["Okafor", "Lindqvist", "Moreau", "Brennan", "Tanaka", "Kowalski", "Haddad", "Fernandes",
                      "Murphy", "Novak", "Adeyemi", "Castillo", "Becker", "Rossi", "Nakamura", "Petrov", "Mensah",
                      "Dubois", "Schultz", "Alvarez", "Kaur", "Whitfield", "Osei", "Larsen", "Romano", "Hughes",
                      "Varga", "Costa", "Ibrahim", "Quinn", "Sato", "Eriksen", "Bianchi", "Mahmoud", "Keane",
                      "Jansen", "Delgado", "Okoro", "Fischer", "Sullivan", "Horvat", "Reyes", "Lambert", "Chen",
                      "Patel", "Walsh", "Mbeki", "Silva", "Washington", "Lincoln"]
NER_SURNAMES_HELDOUT = ["Achterberg", "Nwosu", "Halvorsen", "Carvalho", "Yamamoto", "Zielinski", "Farouk",
                        "Gallagher", "Moretti", "Svensson", "Abubakar", "Lefebvre", "Kovacs", "Tremblay", "Oyelaran",
                        "Marchetti", "Bergstrom", "Ferreira", "Kimura", "Lindgren", "Dvorak", "Mwangi", "Rasmussen",
                        "Vasquez", "Nielsen", "Baptiste", "Hoffmann", "Sokolov", "Mukherjee", "Pereira",
                        "Washington", "Lincoln"]
# Organisations: single names, invented company stems with a suffix, clubs, institutions, acronyms.
NER_ORG_SINGLE_TRAIN = ["Apple", "Amazon", "Shell", "Siemens", "Toyota", "Reuters", "Unilever", "Boeing"]
NER_ORG_SINGLE_HELDOUT = ["Apple", "Amazon", "Airbus", "Nestle", "Samsung", "Nokia", "Philips"]
NER_COMPANY_STEMS_TRAIN = ["Norvik", "Calder", "Brightwater", "Helion", "Quantra", "Teskin", "Vantor", "Morrow",
                           "Aldgate", "Pinecrest", "Solent", "Corvane", "Halberd", "Lumera", "Westbay", "Granite"]
NER_COMPANY_STEMS_HELDOUT = ["Ostrava", "Kelvane", "Draymoor", "Sunvale", "Tarrant", "Elmsworth", "Caspian",
                             "Rokita", "Wexford", "Brannock"]
NER_COMPANY_SUFFIXES = ["Group", "Holdings", "Energy", "Foods", "Motors", "Bank", "Systems", "Airlines", "Pharma",
                        "Telecom", "Capital", "Steel", "Insurance", "Media"]
NER_CLUB_SUFFIXES = ["United", "City", "Rovers", "Athletic", "Wanderers", "FC"]
NER_MINISTRIES = ["Finance", "Defence", "Health", "Transport", "Education", "Agriculture", "Justice", "Energy"]
# Places: real cities and countries, split; invented towns built from pieces, split by piece.
NER_CITIES_TRAIN = ["London", "Madrid", "Lagos", "Toronto", "Osaka", "Leeds", "Munich", "Milan", "Nairobi",
                    "Melbourne", "Denver", "Cardiff", "Seville", "Krakow", "Bristol", "Dublin", "Oslo", "Manchester",
                    "Lisbon", "Auckland", "Boston", "Hamburg", "Cairo", "Mumbai", "Paris", "Washington", "Reading",
                    "Nice", "Bath", "Sydney", "Florence", "Austin", "Lincoln"]
NER_CITIES_HELDOUT = ["Lyon", "Porto", "Accra", "Calgary", "Glasgow", "Stuttgart", "Turin", "Mombasa", "Perth",
                      "Phoenix", "Swansea", "Valencia", "Gdansk", "Bergen", "Cork", "Rotterdam", "Kyoto", "Quebec",
                      "Chennai", "Durban", "Paris", "Washington", "Reading", "Nice", "Bath", "Sydney", "Florence",
                      "Austin", "Lincoln"]
NER_COUNTRIES_TRAIN = ["France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Australia", "Spain",
                       "Italy", "Nigeria", "Mexico", "Poland", "Sweden", "Egypt", "Chile", "Jordan", "Georgia",
                       "Turkey", "China", "Jersey"]
NER_COUNTRIES_HELDOUT = ["Vietnam", "Norway", "Ireland", "Ghana", "Portugal", "Argentina", "Indonesia", "Peru",
                         "Morocco", "Finland", "Austria", "Jordan", "Georgia", "Turkey", "China", "Jersey"]
NER_TOWN_HEADS_TRAIN = ["Ash", "King", "Marl", "Car", "East", "Harrow", "Nor", "West", "Red", "Stan", "Oak", "Bram"]
NER_TOWN_HEADS_HELDOUT = ["Fen", "Low", "Castle", "Pend", "Holl", "Grey", "Thorn", "Wick", "Raven", "Mill"]
NER_TOWN_TAILS = ["ford", "ton", "bridge", "ville", "burg", "field", "mouth", "wick", "stead", "port", "ham"]
# Miscellaneous: nationalities and events.
NER_NATIONALITIES_TRAIN = ["French", "German", "Japanese", "Brazilian", "Indian", "Kenyan", "Canadian",
                           "Australian", "Spanish", "Italian", "Nigerian", "Mexican", "Polish", "Swedish",
                           "Egyptian", "Chinese", "British", "American"]
NER_NATIONALITIES_HELDOUT = ["Vietnamese", "Norwegian", "Irish", "Ghanaian", "Portuguese", "Argentine",
                             "Indonesian", "Peruvian", "Moroccan", "Finnish", "Austrian", "Dutch", "British",
                             "American"]
NER_EVENTS_TRAIN = ["World Cup", "Olympic Games", "Winter Olympics", "Champions League", "Tour de France",
                    "Six Nations", "Nobel Prize", "Grand National"]
NER_EVENTS_HELDOUT = ["Commonwealth Games", "Europa League", "Ryder Cup", "Davis Cup", "Booker Prize",
                      "Giro d'Italia", "World Cup", "Olympic Games"]
NER_EVENT_SUFFIXES = ["Open", "Marathon", "Film Festival", "Grand Prix", "Masters", "Book Fair"]


def ner_pools(split: str) -> dict:
    """Entity generators for one split: each returns (tokens, entity type)."""
    train = split == "train"
    surnames = NER_SURNAMES_TRAIN if train else NER_SURNAMES_HELDOUT
    singles = NER_ORG_SINGLE_TRAIN if train else NER_ORG_SINGLE_HELDOUT
    stems = NER_COMPANY_STEMS_TRAIN if train else NER_COMPANY_STEMS_HELDOUT
    cities = NER_CITIES_TRAIN if train else NER_CITIES_HELDOUT
    countries = NER_COUNTRIES_TRAIN if train else NER_COUNTRIES_HELDOUT
    heads = NER_TOWN_HEADS_TRAIN if train else NER_TOWN_HEADS_HELDOUT
    nationalities = NER_NATIONALITIES_TRAIN if train else NER_NATIONALITIES_HELDOUT
    events = NER_EVENTS_TRAIN if train else NER_EVENTS_HELDOUT

    def town(rng):
        return [rng.choice(heads) + rng.choice(NER_TOWN_TAILS)]

    def place(rng):
        draw = rng.random()
        if draw < 0.5:
            return [rng.choice(cities)]
        if draw < 0.8:
            return town(rng)
        return rng.choice(countries).split()

    def person(rng):
        draw = rng.random()
        if draw < 0.8:
            return [rng.choice(NER_FIRST), rng.choice(surnames)]
        if draw < 0.9:
            return [rng.choice(NER_FIRST)[0] + ".", rng.choice(surnames)]
        return [rng.choice(NER_FIRST), rng.choice("ABCDEFGHJKLMNPRSTW") + ".", rng.choice(surnames)]

    def acronym(rng):
        return ["".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXZ") for _ in range(rng.choice([3, 3, 4])))]

    def company(rng):
        draw = rng.random()
        if draw < 0.25:
            return [rng.choice(singles)]
        if draw < 0.4:
            return acronym(rng)
        name = [rng.choice(stems), rng.choice(NER_COMPANY_SUFFIXES)]
        if rng.random() < 0.2:
            name.append(rng.choice(["Ltd", "Inc", "plc", "Corp"]))
        return name

    def club(rng):
        head = town(rng) if rng.random() < 0.6 else [rng.choice(cities)]
        return head + [rng.choice(NER_CLUB_SUFFIXES)]

    def institution(rng):
        draw = rng.random()
        if draw < 0.35:
            return ["University", "of", rng.choice(cities)]
        if draw < 0.7:
            return ["Ministry", "of", rng.choice(NER_MINISTRIES)]
        if draw < 0.85:
            return ["Central", "Bank", "of"] + rng.choice(countries).split()
        return [rng.choice(nationalities), "Football", "Association"]

    def organisation(rng):
        draw = rng.random()
        if draw < 0.65:
            return company(rng)
        if draw < 0.85:
            return institution(rng)
        return club(rng)

    def event(rng):
        if rng.random() < 0.5:
            return rng.choice(events).split()
        return [rng.choice(cities)] + rng.choice(NER_EVENT_SUFFIXES).split()

    return {
        "PER": (person, "PER"), "SURNAME": (lambda rng: [rng.choice(surnames)], "PER"),
        "FIRST": (lambda rng: [rng.choice(NER_FIRST)], "PER"),
        "ORG": (organisation, "ORG"), "COMPANY": (company, "ORG"), "CLUB": (club, "ORG"),
        "INSTITUTION": (institution, "ORG"),
        "LOC": (place, "LOC"), "CITY": (lambda rng: [rng.choice(cities)], "LOC"),
        "COUNTRY": (lambda rng: rng.choice(countries).split(), "LOC"), "TOWN": (town, "LOC"),
        "NAT": (lambda rng: [rng.choice(nationalities)], "MISC"), "EVENT": (event, "MISC"),
        "AMBIGPER": (lambda rng: [rng.choice(NER_AMBIGUOUS_FIRST), rng.choice(surnames)], "PER"),
    }


NER_O_FILLERS = {
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "num": ["two", "three", "four", "five", "12", "15", "20", "35", "40", "100", "250", "1.5", "3.2", "7"],
    "year": ["1998", "2004", "2011", "2015", "2019", "2021", "2023"],
    "score": ["1-0", "2-1", "3-0", "2-2", "0-0", "4-2", "3-1"],
    "pct": ["2", "3.5", "4", "6", "8.1", "10", "12", "15"],
    "month": ["January", "March", "April", "June", "July", "September", "October", "December"],
}

# Templates: ordinary words, [a|b] choices, {day}-style O fillers and <TYPE> entity slots.
NER_TEMPLATES = [
    "<PER> , [chief executive|chairman|founder] of <COMPANY> , said [sales|profits] in <LOC> [rose|fell] last year .",
    "Shares in <COMPANY> [rose|fell|jumped] {pct} percent in <CITY> on {day} .",
    "<PER> scored twice as <CLUB> beat <CLUB> {score} on {day} .",
    "The <NAT> [government|foreign ministry] said on {day} it would [send|recall] its ambassador to <COUNTRY> .",
    "<SURNAME> , who joined <COMPANY> in {year} , will move to <CITY> next month .",
    "[Police|Officials] in <LOC> said {num} people had been arrested .",
    "<PER> won the <EVENT> after beating <PER> in the final .",
    "Speaking in <CITY> , <PER> said the <NAT> economy was [recovering|slowing] .",
    "<COMPANY> [agreed to buy|is in talks to acquire] <COMPANY> for {num} million [dollars|euros|pounds] .",
    "Mr <SURNAME> told reporters that <COMPANY> had no plans to leave <LOC> .",
    "[Heavy rain|Floods|Snow] [hit|disrupted] travel across <LOC> on {day} .",
    "<NAT> [striker|midfielder|defender] <PER> has signed for <CLUB> .",
    "Yesterday , <COMPANY> [announced|confirmed] a new [plant|office|store] in <LOC> .",
    "After the talks in <CITY> , <PER> flew to <COUNTRY> .",
    "The report , [published|released] by <INSTITUTION> , [found|said] that prices had risen .",
    "<PER> , a [spokesman|spokeswoman] for <ORG> , declined to comment .",
    "Reading the verdict , judge <PER> said the case had been difficult .",
    "Fans of <CLUB> [celebrated|gathered] in the streets of <CITY> .",
    "She [bought|ate] an apple before the <EVENT> began .",
    "<COMPANY> [reported|posted] [higher|lower] profits , helped by [strong|weak] demand in <COUNTRY> .",
    "Talks between <COUNTRY> and <COUNTRY> [resumed|broke down] in <CITY> on {day} .",
    "Former <NAT> [president|prime minister] <PER> was admitted to hospital on {day} .",
    "<PER> will [lead|coach] the <NAT> team at the <EVENT> .",
    "The <EVENT> will be held in <CITY> in {year} .",
    "<PER> , born in <LOC> , [studied|taught] at <INSTITUTION> .",
    "Prices of [coffee|wheat|copper] rose after <COMPANY> cut its forecast .",
    "Many analysts expect <INSTITUTION> to [cut|raise] interest rates in {month} .",
    "[Roast|Smoked] turkey is still the most popular dish in <LOC> in winter .",
    "<PER> [left|quit] <COMPANY> to join <COMPANY> as [finance director|chief economist] .",
    "<COUNTRY> 's [king|foreign minister|prime minister] met <PER> in <CITY> .",
    "[Grandmother|Aunt] <FIRST> kept her best china in a cabinet in <TOWN> .",
    "The yellow jersey went to <PER> of <COUNTRY> after the [tenth|final] stage .",
    "Apple growers in <LOC> expect a [poor|record] harvest this year .",
    "<FIRST> <SURNAME> , [44|51|38] , has run the family farm near <TOWN> since {year} .",
    "Most [people|voters] in <TOWN> [backed|opposed] the new bypass .",
    "The parcel from <ORG:Amazon> arrived late , <FIRST> wrote in a complaint .",
    "Boats carried supplies up the <LOC:Amazon> to villages near the border with <COUNTRY> .",
    "<ORG> [fined|warned] <COMPANY> over [late payments|safety failures] .",
    "According to <PER> , the <NAT> market will [grow|shrink] by {pct} percent .",
    "Earlier this year <CLUB> sacked manager <PER> after {num} defeats .",
    "<PER> ( <COUNTRY> ) [beat|lost to] <PER> ( <COUNTRY> ) {score} .",
    "Nice weather brought thousands of visitors to <TOWN> at the weekend .",
    "Tourists from <COUNTRY> now outnumber those from <COUNTRY> in <CITY> .",
    "[Doctors|Engineers|Teachers] at <INSTITUTION> went on strike on {day} .",
    "<SURNAME> 's lawyer said [he|she] would appeal against the ruling .",
    "The [film|novel] by <NAT> director <PER> won the top prize at the <EVENT> .",
    "In <COUNTRY> , most [flights|trains] were cancelled because of the strike .",
    "<COMPANY> [will|plans to] build a [factory|warehouse|data centre] near <TOWN> , [creating|adding] {num} jobs .",
    "<PER:Jordan> scored the winning goal for <CLUB> in the last minute .",
    "The minister flew to <LOC:Jordan> on {day} for talks with <PER> .",
    "<AMBIGPER> became the first woman to lead <COMPANY> .",
    "[Protesters|Farmers|Students] marched through <CITY> to demand [lower|higher] [fuel prices|wages] .",
    "<PER> , the <NAT> [ambassador|envoy] , [arrived|landed] in <COUNTRY> on {day} .",
    "Last season <PER> played for <CLUB> and <CLUB> .",
    "[Investors|Traders] sold shares in <COMPANY> after the news from <LOC> .",
    "The [agreement|deal] was signed in <CITY> by <PER> and <PER> .",
    "Unemployment in <COUNTRY> fell to {pct} percent in {month} , <INSTITUTION> said .",
    "Both teams will meet again at the <EVENT> in <CITY> .",
    "<FIRST> , a nurse from <TOWN> , [won|raised] {num} thousand pounds for charity .",
    "Under the plan , <COMPANY> would [sell|close] its [shops|plants] in <COUNTRY> .",
    "<NAT> and <NAT> [troops|officials|diplomats] met near the border on {day} .",
    "<AMBIGPER> [joined|left] <CLUB> in {year} .",
    "Officials in <LOC:Washington> [welcomed|criticised] the decision by <COUNTRY> .",
    "<AMBIGPER> , who [founded|runs] <COMPANY> , [lives|grew up] in <CITY> .",
    "<AMBIGPER> [won|lost] the <EVENT> [sprint|final] in {year} .",
    "<FIRST> and <FIRST> moved from <LOC:Georgia> to <CITY> in {year} .",
    "A statue of <PER:Lincoln> stands outside the library in <TOWN> .",
    "Heavy traffic was reported on the road between <TOWN> and <TOWN> .",
    "During the match , <SURNAME> was booked for a foul on <SURNAME> .",
    "The shell of the old <COMPANY> building in <TOWN> will be turned into flats .",
    "Several <NAT> companies , including <COMPANY> , have [moved|opened] offices in <CITY> .",
    "Nobody at <COMPANY> [expected|predicted] the [fall|rise] in [demand|prices] .",
    "His sister <FIRST> [runs|manages] a bakery in <TOWN> .",
]
NER_SLOT = re.compile(r"(<[A-Z]+(?::[^>]+)?>)")
NER_AMBIGUOUS_FIRST = ["Jordan", "Georgia", "Paris", "Chelsea", "Florence", "Austin", "Sydney", "Victoria"]


def ner_sentence(template: str, entities: dict, rng: random.Random) -> tuple[list[str], list[str], list[tuple]]:
    """Tokens, BIO tags and the (type, text) of each entity for one filled template.

    ``<TYPE>`` is filled by an entity generator; ``<TYPE:words>`` is a fixed entity (for words
    such as Jordan that the template wants as one particular type).
    """
    text = resolve_choices(template, rng)
    text = SLOT.sub(lambda m: rng.choice(NER_O_FILLERS[m.group(1)]), text)
    tokens, tags, found = [], [], []
    for piece in NER_SLOT.split(text):
        if piece.startswith("<") and piece.endswith(">") and len(piece) > 2:
            name, _, fixed = piece[1:-1].partition(":")
            if fixed:
                words, entity_type = fixed.split(), name
            else:
                generate, entity_type = entities[name]
                words = generate(rng)
            tokens += words
            tags += [f"B-{entity_type}"] + [f"I-{entity_type}"] * (len(words) - 1)
            found.append((entity_type, " ".join(words)))
        else:
            words = piece.split()
            tokens += words
            tags += ["O"] * len(words)
    return tokens, tags, found


HEADLINE_SHARE = 0.05  # sentences written in headline case, where capitals stop meaning "name"
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def headline_case(tokens: list[str]) -> list[str]:
    """Capitalise every word except short function words (not the first), as in a headline."""
    return [t if (i > 0 and t in SMALL_WORDS) else t[:1].upper() + t[1:] for i, t in enumerate(tokens)]


def make_ner(seed: int) -> dict:
    rng = random.Random(seed)
    shared, reserved = split_templates(NER_TEMPLATES, rng)
    seen: set[str] = set()
    result = {}
    for split, n in (("heldout", SIZES["ner"][1]), ("train", SIZES["ner"][0])):
        entities = ner_pools(split)
        sentences = []
        while len(sentences) < n:
            if split == "heldout" and rng.random() < 0.3:
                template = rng.choice(reserved)
            else:
                template = rng.choice(shared)
            tokens, tags, _ = ner_sentence(template, entities, rng)
            if rng.random() < HEADLINE_SHARE:
                tokens = headline_case(tokens)
            key = " ".join(tokens).lower()
            if key in seen:
                continue
            seen.add(key)
            sentences.append((tokens, tags))
        result[split] = sentences
    return result


# ============================================================================ movie reviews (held-out)

# One-sentence critic snippets written for this course, lower-cased and tokenised like the
# Pang & Lee sentences the notebook trains on (punctuation separated by spaces).
MOVIE_REVIEWS_POS = [
    "a warm , funny and surprisingly tender film about growing old .",
    "the performances are terrific , especially the young lead , who carries every scene .",
    "not a single wasted minute in this sharp , clever thriller .",
    "beautifully shot and quietly moving , it stays with you long after the credits .",
    "a smart , funny comedy that never talks down to its audience .",
    "the best animated film of the year , full of heart and wit .",
    "it's not perfect , but the charm of the cast wins you over .",
    "an intelligent , gripping drama with a career-best turn from its star .",
    "the director handles the big emotional moments with real grace .",
    "fresh , inventive and a lot of fun .",
    "never dull for a moment , this is crowd-pleasing entertainment at its best .",
    "a gorgeous , haunting ghost story that earns its scares .",
    "the script is witty and the pacing is spot on .",
    "you'll laugh , you'll cry , and you'll want to see it again .",
    "a rare sequel that improves on the original in every way .",
    "funny , touching and wonderfully acted .",
    "the film is a small miracle of tone , balancing comedy and grief with ease .",
    "an exhilarating ride from start to finish .",
    "despite a slow first act , the payoff is worth every minute .",
    "a thoughtful documentary that gives its subjects room to speak .",
    "the two leads have terrific chemistry .",
    "this is storytelling of the highest order .",
    "i was not expecting much , and i was completely won over .",
    "a delightful surprise , packed with memorable characters .",
    "visually stunning and emotionally honest .",
    "a sincere , generous film that moved me to tears .",
    "the action scenes are thrilling and brilliantly staged .",
    "an original , heartfelt and very funny debut .",
    "a moving portrait of a family holding itself together .",
    "the music is lovely and the performances are pitch perfect .",
    "smart , stylish and wickedly entertaining .",
    "it isn't flashy , but it is honest , tender and true .",
    "a compelling mystery with a twist that actually works .",
    "one of the most satisfying thrillers in years .",
    "the cast is wonderful , and the writing gives each of them something to do .",
    "a joyful , energetic musical that had the whole audience smiling .",
    "a powerful , deeply felt film .",
    "the humour is sharp and the heart is real .",
    "rich , absorbing and beautifully made .",
    "a confident , intelligent film from a director to watch .",
    "there's nothing boring about this clever little caper .",
    "an affecting and well-crafted drama .",
    "the kind of big , generous entertainment they rarely make anymore .",
    "a masterpiece of quiet suspense .",
    "a genuine treat for anyone who loves a good mystery .",
    "the film's final scene is simply unforgettable .",
    "warm , wise and frequently hilarious .",
    "a gripping true story , told with restraint and care .",
    "the effects are impressive , but it's the characters who make it soar .",
    "a charming romantic comedy with real wit .",
    "an ambitious and largely successful adaptation of a difficult novel .",
    "it's a pleasure to watch actors this good at work .",
    "a tense , beautifully acted courtroom drama .",
    "surprisingly sweet and often very funny .",
    "this is the rare family film adults will enjoy as much as kids .",
    "an engrossing , clever script keeps you guessing .",
    "the film has energy , ideas and a great deal of heart .",
    "bold , strange and thrilling .",
    "hardly a false note in the whole picture .",
    "an uplifting story that earns its happy ending .",
]
MOVIE_REVIEWS_NEG = [
    "a dull , lifeless thriller with no thrills at all .",
    "the jokes fall flat and the plot makes no sense .",
    "despite a talented cast , the film is a tedious mess .",
    "i kept waiting for something to happen , and nothing did .",
    "the dialogue is clumsy and the characters are paper thin .",
    "a loud , empty sequel that nobody asked for .",
    "the film looks great , but there's nothing going on beneath the surface .",
    "far too long and not nearly as clever as it thinks it is .",
    "a predictable romance with zero chemistry between its leads .",
    "boring , bloated and badly edited .",
    "the twist is obvious from the first scene .",
    "it's not funny , not scary and not worth your time .",
    "a waste of a good premise .",
    "the lead performance is wooden and the script is worse .",
    "an overlong , self-indulgent drama that goes nowhere .",
    "even the action scenes are sluggish .",
    "a lazy comedy that mistakes shouting for humour .",
    "what should have been moving is merely sentimental .",
    "the film never finds a consistent tone .",
    "a muddled , joyless adaptation of a much better book .",
    "this is the kind of film you forget before you reach the car park .",
    "the story is thin and the ending is a cheat .",
    "clumsy , confused and painfully slow .",
    "the special effects can't save a script this weak .",
    "there are a few good moments , but not nearly enough .",
    "a pretentious art film with nothing to say .",
    "it's hard to care about characters this bland .",
    "the humour is crude and the pacing is awful .",
    "a forgettable horror film with cheap scares .",
    "the cast looks bored , and so will you .",
    "an incoherent plot buried under endless explosions .",
    "a disappointing follow-up to a great original .",
    "the director seems to have lost interest halfway through .",
    "a stale , formulaic action movie .",
    "nothing about this film feels fresh or alive .",
    "good actors stranded in a terrible script .",
    "it tries hard to be charming and fails .",
    "the editing is choppy and the story is a mess .",
    "a dreary , overwrought melodrama .",
    "not even the score can rescue this tedious film .",
    "the film is as shallow as it is long .",
    "an ugly , mean-spirited comedy .",
    "it wants to be profound but ends up merely dull .",
    "the premise is promising , but the execution is lazy .",
    "a numbing two hours of cliches .",
    "the characters make stupid choices just to keep the plot moving .",
    "a flat , lifeless remake .",
    "i have rarely been so bored in a cinema .",
    "the film is neither funny nor scary .",
    "a weak script and a wasted cast .",
    "what a mess .",
    "it drags on long after it has run out of ideas .",
    "a bland , by-the-numbers biopic .",
    "the songs are forgettable and the dancing is stiff .",
    "an unpleasant film that confuses cruelty with wit .",
    "the big finale is loud , long and strangely boring .",
    "there is no reason to see this film .",
    "slick to look at , but hollow at its core .",
    "a clumsy attempt at satire that hits none of its targets .",
    "even at ninety minutes it feels endless .",
]


def make_movie_reviews(seed: int) -> list[tuple[str, str]]:
    rows = [("pos", text) for text in MOVIE_REVIEWS_POS] + [("neg", text) for text in MOVIE_REVIEWS_NEG]
    random.Random(seed).shuffle(rows)
    return rows


# ============================================================================ writing

def write_labelled(path: Path, rows: list[tuple[str, str]]) -> None:
    """UTF-8 TSV with a ``label<TAB>text`` header, no quoting (texts hold no tabs or newlines)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("label\ttext\n")
        for label, text in rows:
            assert "\t" not in text and "\n" not in text, text
            handle.write(f"{label}\t{text}\n")


def write_tagged(path: Path, sentences: list[tuple[list[str], list[str]]]) -> None:
    """CoNLL style: ``token<TAB>tag`` per line, a blank line after each sentence."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for tokens, tags in sentences:
            for token, tag in zip(tokens, tags):
                handle.write(f"{token}\t{tag}\n")
            handle.write("\n")


def build(out: Path) -> dict:
    """Write every file under ``out``; return {relative path: number of examples}."""
    written = {}
    corpora, heldout = out / "nlpcourse" / "corpora", out / "autograder" / "heldout"
    for index, (name, make) in enumerate((("sms_spam", make_sms), ("news_topics", make_news))):
        splits = make(SEED + index)
        write_labelled(corpora / name / "train.tsv", splits["train"])
        write_labelled(heldout / f"{name}.tsv", splits["heldout"])
        written[f"nlpcourse/corpora/{name}/train.tsv"] = len(splits["train"])
        written[f"autograder/heldout/{name}.tsv"] = len(splits["heldout"])
    splits = make_ner(SEED + 2)
    write_tagged(corpora / "ner" / "train.tsv", splits["train"])
    write_tagged(heldout / "ner.tsv", splits["heldout"])
    written["nlpcourse/corpora/ner/train.tsv"] = len(splits["train"])
    written["autograder/heldout/ner.tsv"] = len(splits["heldout"])
    reviews = make_movie_reviews(SEED + 3)
    write_labelled(heldout / "movie_reviews.tsv", reviews)
    written["autograder/heldout/movie_reviews.tsv"] = len(reviews)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO,
                        help="root under which nlpcourse/corpora/ and autograder/heldout/ are written (default: this repository)")
    args = parser.parse_args(argv)
    for path, count in build(args.out).items():
        print(f"{count:5d}  {path}")


if __name__ == "__main__":
    main()
