package io.tributary.simulator.generate;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** Word lists for believable shop data, with the non-ASCII letters real customer data has. */
public final class ShopVocabulary {

    public static final List<String> FIRST_NAMES = List.of(
            "Zoë", "Søren", "Łukasz", "José", "Björn", "Ñuño", "Émilie", "Jürgen", "Małgorzata", "François",
            "Åsa", "Ólafur", "Chloé", "Dvořák", "Ángel", "Øystein", "Günther", "Inês", "Çağla", "Renée",
            "Anna", "Mateo", "Sofia", "Liam", "Noah", "Emma", "Olivia", "Lucas", "Mia", "Hugo",
            "Aiko", "Kenji", "Priya", "Arjun", "Fatima", "Omar", "Ngozi", "Kwame", "Ana", "João",
            "Zsófia", "Ştefan", "Dąbrówka", "Ludwig", "Elif", "Mikael", "Siobhán", "Pádraig", "Yusuf", "Léa");

    public static final List<String> LAST_NAMES = List.of(
            "Müller", "Nørgaard", "Kowalski", "García", "Åkesson", "Peña", "Dubois", "Groß", "Wiśniewska", "Lefèvre",
            "Sørensen", "Þórsson", "Łęcki", "Fernández", "Björklund", "Schäfer", "Gonçalves", "Yılmaz", "Novák", "Straße",
            "Smith", "Johnson", "Rossi", "Bianchi", "Tanaka", "Sato", "Okafor", "Mensah", "Patel", "Khan",
            "O'Brien", "Van der Berg", "de la Cruz", "MacLeod", "Nguyễn", "Dvořáková", "Jovanović", "Horváth", "Kask", "Ødegård");

    /** City, country code, and the usual UTC offset shown in that city's timestamps. */
    public record City(String name, String country, String offset) {
    }

    public static final List<City> CITIES = List.of(
            new City("Zürich", "CH", "+01:00"), new City("München", "DE", "+01:00"), new City("Kraków", "PL", "+01:00"),
            new City("São Paulo", "BR", "-03:00"), new City("Reykjavík", "IS", "Z"), new City("Malmö", "SE", "+01:00"),
            new City("Gdańsk", "PL", "+01:00"), new City("Łódź", "PL", "+01:00"), new City("Córdoba", "AR", "-03:00"),
            new City("Tromsø", "NO", "+01:00"), new City("Besançon", "FR", "+01:00"), new City("Düsseldorf", "DE", "+01:00"),
            new City("Lisboa", "PT", "Z"), new City("Montréal", "CA", "-05:00"), new City("New York", "US", "-05:00"),
            new City("Los Angeles", "US", "-08:00"), new City("Tokyo", "JP", "+09:00"), new City("Mumbai", "IN", "+05:30"),
            new City("Kathmandu", "NP", "+05:45"), new City("Lagos", "NG", "+01:00"), new City("Sydney", "AU", "+10:00"),
            new City("Auckland", "NZ", "+12:00"), new City("Istanbul", "TR", "+03:00"), new City("Praha", "CZ", "+01:00"),
            new City("Washington, D.C.", "US", "-05:00"), new City("St. John's", "CA", "-03:30"));

    public static final List<String> CATEGORIES = List.of(
            "Books", "Kitchen & Dining", "Garden", "Toys", "Electronics", "Sports, Outdoors", "Beauty", "Office",
            "Pet supplies", "Music", "Home décor", "Tools");

    public static final List<String> ADJECTIVES = List.of(
            "compact", "sturdy", "handmade", "lightweight", "organic", "stainless", "foldable", "wireless", "vintage",
            "ergonomic", "waterproof", "recycled", "smart", "classic", "premium", "portable", "crème", "größer");

    public static final List<String> NOUNS = List.of(
            "kettle", "lamp", "backpack", "notebook", "speaker", "chair", "blender", "jacket", "tent", "puzzle",
            "keyboard", "vase", "frying pan", "drill", "yoga mat", "headphones", "teapot", "planter", "café set", "skillet");

    public static final List<String> DESCRIPTION_WORDS = List.of(
            "durable", "finish", "walnut", "aluminium", "cotton", "warranty", "assembly", "included", "battery", "hours",
            "dishwasher", "safe", "certified", "recycled", "packaging", "colour", "matte", "gloss", "adjustable", "height",
            "strap", "handle", "ceramic", "glaze", "kiln", "fired", "bamboo", "fibre", "copper", "core", "induction",
            "compatible", "voltage", "charger", "USB-C", "cable", "manual", "languages", "español", "français", "deutsch",
            "polski", "norsk", "türkçe", "capacity", "litres", "weight", "grams", "width", "depth", "tested", "lab",
            "ISO", "standard", "return", "policy", "days", "customers", "love", "gift", "wrapped", "seasonal", "edition",
            "limited", "stock", "replacement", "parts", "available", "spare", "screws", "hinge", "lid", "seal");

    public static final List<String> NOTES = List.of(
            "Leave at the back door, next to the shed.",
            "Ring twice; the bell is broken.\nCall instead, the number is on file.",
            "Prefers email, not phone.",
            "VIP since 2021, handle with care",
            "Said \"fragile\" twice on the phone, so: pack well.",
            "Delivery window: 9-12, Mon-Fri");

    public static final List<String> GIFT_NOTES = List.of(
            "Happy birthday, Zoë!",
            "For you,\nwith love.",
            "Merry Christmas & a happy new year",
            "Congrats on the new flat, \"finally\"!",
            "Thank you, Søren");

    public static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net", "mail.example.com");

    private ShopVocabulary() {
    }

    /** ASCII form for e-mail addresses: Zoë Müller -> zoe.muller. */
    public static String ascii(String text) {
        String replaced = text.toLowerCase(Locale.ROOT)
                .replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("æ", "ae").replace("þ", "th")
                .replace("đ", "d").replace("ı", "i");
        String stripped = Normalizer.normalize(replaced, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("[^a-z0-9]+", "");
    }
}
