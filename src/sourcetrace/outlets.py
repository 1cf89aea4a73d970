"""Outlet identity: one key and one name for every spelling of an outlet.

"fox", "FOX", "Fox News", "foxnews.com" and "https://www.foxnews.com/politics/x" are one
outlet; so are "The Hill" and "thehill.com". Lists group outlets and trace compares them by
:func:`outlet_key`; an article stores the name :func:`article_outlet` gives it.

:func:`outlet_key`, in order:

1. A URL or host name ("www.thehill.com"): the known outlet (``KNOWN``) whose domain it is or
   lies under, else the label of its registrable domain ("thehill"), compacted. Registrable
   domains come from the public suffix list bundled with ``tld``, read from the package and
   never updated, so nothing is fetched or written ("bbc.co.uk", not "co.uk").
2. A name: the known outlet it names, else the name compacted.

Compacting folds case and accents, keeps letters and digits, drops a leading "the" and a
trailing generic word ("news", "online", "channel", "network", "magazine"): "The Hill" and
"thehill" become "hill", "Fox News" and "foxnews" become "fox". The table of known outlets
holds only what that rule cannot see: a domain unlike the name ("nytimes.com",
"latimes.com"), an abbreviation ("AP"), a site under another's domain ("abcnews.go.com"), or a
bare name that needs its proper spelling ("fox" is Fox News).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tld import get_tld

__all__ = [
    "KNOWN",
    "KnownOutlet",
    "article_outlet",
    "distinct_outlets",
    "domains_in",
    "outlet_key",
    "outlet_name",
    "shown_names",
]


@dataclass(frozen=True, slots=True)
class KnownOutlet:
    """An outlet whose names or domains the compacting rule alone does not join."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


KNOWN = (
    KnownOutlet("Fox News", ("Fox", "Fox News Channel"), ("foxnews.com",)),
    KnownOutlet("The New York Times", ("NYT", "N.Y. Times"), ("nytimes.com",)),
    KnownOutlet("Los Angeles Times", ("LA Times", "L.A. Times"), ("latimes.com",)),
    KnownOutlet("The Times", ("The Times of London",), ("thetimes.co.uk",)),
    KnownOutlet("The Wall Street Journal", ("WSJ",), ("wsj.com",)),
    KnownOutlet("The Washington Post", (), ("washingtonpost.com",)),
    KnownOutlet("Associated Press", ("AP", "AP News"), ("apnews.com", "ap.org")),
    KnownOutlet("Agence France-Presse", ("AFP",), ("afp.com",)),
    KnownOutlet("HuffPost", ("Huffington Post",), ("huffpost.com", "huffingtonpost.com")),
    KnownOutlet("ABC News", ("ABC",), ("abcnews.go.com", "abcnews.com")),
    KnownOutlet("ABC (Australia)", ("Australian Broadcasting Corporation",), ("abc.net.au",)),
    KnownOutlet("ESPN", (), ("espn.com", "espn.go.com")),
    KnownOutlet("Daily Mail", ("Mail Online", "MailOnline"), ("dailymail.co.uk",)),
    KnownOutlet("New York Daily News", ("NY Daily News",), ("nydailynews.com",)),
    KnownOutlet("BBC", ("BBC News",), ("bbc.co.uk", "bbc.com")),
    KnownOutlet("CNN", (), ("cnn.com",)),
    KnownOutlet("NBC News", ("NBC",), ("nbcnews.com",)),
    KnownOutlet("CBS News", ("CBS",), ("cbsnews.com",)),
    KnownOutlet("USA Today", (), ("usatoday.com",)),
    KnownOutlet("The Guardian", (), ("theguardian.com", "guardian.co.uk")),
    KnownOutlet("Reuters", (), ("reuters.com",)),
    KnownOutlet("Bloomberg", (), ("bloomberg.com",)),
    KnownOutlet("Politico", (), ("politico.com", "politico.eu")),
)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.I)
#: A bare host name ending in a top-level domain of letters, perhaps with a path.
_BARE_HOST = re.compile(
    r"^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\.?(?::\d+)?(?:[/?#]\S*)?$", re.I
)
#: A host name inside running text ("at video.foxnews.com."), not inside an address or a URL's
#: path; its last label, in lower case ("end.Next" is a typo), is checked against the public
#: suffix list.
_HOST_IN_TEXT = re.compile(
    r"(?<![\w@./-])((?i:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?![\w@-]|\.\w)"
)
_NAMED_HOST = re.compile(r"[a-z0-9-]\.[a-z]{2,}$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: Words that end many outlets' names without telling them apart ("Fox News" is "Fox").
_GENERIC_ENDINGS = ("news", "online", "channel", "network", "magazine")
#: Registrable domains' labels under which each subdomain is a site of its own
#: ("ann.blogspot.nl"; the bundled public suffix list knows only blogspot.com).
_PLATFORMS = frozenset({"blogspot", "go", "wordpress", "tumblr", "substack"})
#: The shortest key a leading "the" or a generic ending may leave ("itv" is not "i").
_SHORTEST = 2


def _compact(text: str) -> str:
    """Case, accents, spaces and punctuation gone; a leading "the" and generic endings off."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    key = _NOT_ALNUM.sub("", plain.replace("&", "and"))
    if key.startswith("the") and len(key) - 3 >= _SHORTEST:
        key = key[3:]
    stripped = True
    while stripped:
        stripped = False
        for ending in _GENERIC_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= _SHORTEST:
                key, stripped = key[: -len(ending)], True
    return key


_BY_KEY = {_compact(name): o for o in KNOWN for name in (o.name, *o.aliases)}
_BY_DOMAIN = {domain: o for o in KNOWN for domain in o.domains}


def _host(text: str) -> str | None:
    """The host name of a URL or of a bare host ("www.foxnews.com"), lower case; None for a
    name."""
    text = text.strip()
    if _SCHEME.match(text):
        return urlsplit(text).hostname
    match = _BARE_HOST.match(text)
    return match.group(1).lower() if match else None


def _registrable(host: str) -> tuple[str, str]:
    """(registrable domain, its label): ("bbc.co.uk", "bbc") for "news.bbc.co.uk"; on a
    platform that hosts many sites, the site ("oscar.go.com", "oscar"). A host under no public
    suffix ("ledger.example") counts its last two labels; an address or a
    one-label host ("127.0.0.1", "localhost") is its own domain."""
    if not _NAMED_HOST.search(host):
        return host, host
    found = get_tld(host, as_object=True, fail_silently=True, fix_protocol=True)
    if found is not None and found.domain:
        site = found.subdomain.removeprefix("www").rpartition(".")[2]
        if found.domain in _PLATFORMS and site:
            return f"{site}.{found.fld}", site
        return found.fld, found.domain
    labels = host.removeprefix("www.").split(".")
    return ".".join(labels[-2:]), labels[-2] if len(labels) > 1 else labels[0]


def _known_domain(host: str) -> KnownOutlet | None:
    """The known outlet whose domain is ``host`` or a parent of it."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        if known := _BY_DOMAIN.get(".".join(labels[start:])):
            return known
    return None


def is_web_address(name: str) -> bool:
    """A name that is one web address and nothing else ("washingtonpost.com"): an outlet's
    name, whatever kind of source an article's wording made it."""
    found = domains_in(name.strip())
    return len(found) == 1 and found[0][:2] == (0, len(name.strip()))


def domains_in(text: str) -> list[tuple[int, int, str]]:
    """The host names written in ``text`` ("UsMagazine.com", "video.foxnews.com") with their
    offsets and :func:`outlet_key`: (start, end, key). A word with dots that ends in no
    public suffix ("U.S.", "e.g.", "Jr.Smith") is none."""
    found = []
    for match in _HOST_IN_TEXT.finditer(text):
        host = match.group(1).lower()
        if get_tld(host, fail_silently=True, fix_protocol=True) is not None:
            found.append((match.start(1), match.end(1), outlet_key(host)))
    return found


def _known(text: str) -> KnownOutlet | None:
    host = _host(text)
    if host is not None:
        return _known_domain(host)
    return _BY_KEY.get(_compact(text))


def outlet_key(text: str) -> str:
    """The key that every spelling of one outlet shares: "fox" for "FOX", "Fox News" and
    "https://www.foxnews.com/x"; "hill" for "The Hill" and "thehill.com"."""
    known = _known(text)
    if known is not None:
        return _compact(known.name)
    host = _host(text)
    return _compact(_registrable(host)[1] if host else text)


def outlet_name(text: str) -> str:
    """How an outlet is shown: a known outlet's own name ("FOX" is "Fox News"), a URL's
    registrable domain ("articles.example.com" is "example.com"), else the name with its
    spaces tidied."""
    known = _known(text)
    if known is not None:
        return known.name
    host = _host(text)
    return _registrable(host)[0] if host else " ".join(text.split())


def article_outlet(given: str | None, url: str | None) -> str | None:
    """The outlet an article is stored under, from the name its page or input gives and its
    URL. The rules, in order:

    1. a URL on a known outlet's domain: that outlet ("ABC News" on abc.net.au is
       ABC (Australia): the domain is the more specific of the two);
    2. a given name: :func:`outlet_name` of it ("FOX" is "Fox News");
    3. a URL: its registrable domain ("harborledger.com");
    4. None.
    """
    # 1. the URL's domain is a known outlet's
    host = _host(url) if url else None
    if host is not None and (known := _known_domain(host)):
        return known.name
    # 2. the given name
    if given and given.strip():
        return outlet_name(given)
    # 3. the URL's registrable domain
    if host is not None:
        return _registrable(host)[0]
    # 4. nothing to go by
    return None


def shown_names(names: Iterable[str]) -> dict[str, str]:
    """Each of ``names`` -> the name shown for its outlet: the commonest of the names with its
    key, the first met on a tie, so that "Harbor Ledger" and "harborledger.com" read alike."""
    names = list(names)
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        spellings.setdefault(outlet_key(name), Counter())[name] += 1
    chosen = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    return {name: chosen[outlet_key(name)] for name in names}


def distinct_outlets(names: Iterable[str]) -> list[str]:
    """One name per outlet among ``names`` (as :func:`shown_names`), the outlet named most
    often first, the first met on a tie."""
    names = list(names)
    shown = shown_names(names)
    return [name for name, _ in Counter(shown[name] for name in names).most_common()]
