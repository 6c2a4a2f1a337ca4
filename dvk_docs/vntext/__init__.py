"""Vietnamese text: dates, numbers and amounts in words, Roman numerals, name sorting, legacy encodings."""
