"""Format profiles (Nhà nước, Đảng, Công đoàn) and the Word template builder."""
