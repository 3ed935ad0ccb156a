export default function Home() {
  return (
    <main className="p-6 font-mono text-sm">
      <h1 className="text-lg">Farview</h1>
    </main>
  );
}
