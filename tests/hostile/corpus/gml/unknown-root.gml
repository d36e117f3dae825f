<?xml version="1.0" encoding="UTF-8"?>
<kaava><alue>VL</alue></kaava>
