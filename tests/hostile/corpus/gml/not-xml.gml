kaava: asemakaava
