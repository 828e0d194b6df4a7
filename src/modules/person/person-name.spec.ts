import { normalizePersonName } from './person-name';

describe('normalizePersonName', () => {
  it.each([
    ['Volodymyr  Zelénsky', 'volodymyr zelensky'],
    ["Hamish O'Rourke", 'hamish orourke'],
    ['R. Thirunavukkarasu', 'r thirunavukkarasu'],
    ['Jean-Luc Ørsted', 'jean luc orsted'],
    ['Алексей Смирнов', 'алексей смирнов'],
    ['Андрей Зуй', 'андрей зуй'],
    ['Σπύρος Κατσαρός', 'σπυρος κατσαρος'],
    ['李强', '李强'],
  ])('%s -> %s', (name, key) => {
    expect(normalizePersonName(name)).toBe(key);
  });

  it('keeps names in other scripts apart (no empty keys)', () => {
    const keys = ['Алексей Смирнов', 'Наталья Кравец', 'Γιώργος Καλαϊτζής', 'Ηλίας Γεωργίου'].map(normalizePersonName);
    expect(new Set(keys).size).toBe(4);
    expect(keys.every((key) => key.length > 0)).toBe(true);
  });
});
