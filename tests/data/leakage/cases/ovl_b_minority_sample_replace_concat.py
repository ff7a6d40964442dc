# %%
df = pd.read_csv("stroke.csv")
pos = df[df.stroke == 1]
neg = df[df.stroke == 0]
pos_up = pos.sample(len(neg), replace=True, random_state=42)
df_bal = pd.concat([neg, pos_up], axis=0).reset_index(drop=True)
X = df_bal.drop("stroke", axis=1)
y = df_bal["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
model = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
print(f1_score(y_test, model.predict(X_test)))
